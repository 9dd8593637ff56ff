// RWTClient against an in-process fake server over an in-memory pipe.

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { RWTClient, RWTAuthenticationError, RWTTimeoutError } from '../src/rwt-client.js';
import { FakeServer } from '../test-support/fake-server.js';
import { fixedKeyPair, vectors } from '../test-support/vectors.js';

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate, timeoutMs = 10000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
}

/** Every client a test made: disconnected after each test, so that a failed one cannot keep reconnecting. */
const made = [];
afterEach(async () => {
  for (const c of made.splice(0)) await c.disconnect().catch(() => {});
});

function newClient(server, options = {}) {
  const client = new RWTClient({
    endpoint: 'ws://localhost/rwt', authToken: 'good-token', WebSocket: server.WebSocket, ...options,
  });
  client.configureReconnection({ baseDelay: 10, maxDelay: 50, jitter: 0 });
  client.on('error', () => {}); // asserted where it matters
  made.push(client);
  return client;
}

describe('RWTClient', () => {
  test('connects, subscribes, and exchanges messages both ways', async () => {
    const server = new FakeServer({ rotationKey: 'rk' });
    const client = newClient(server, { rotationKey: 'rk', channels: ['prices'] });
    const events = [];
    client.on('connect', () => events.push('connect'));
    client.on('key-rotate', (e) => events.push(`key-rotate:${e.reason}`));
    const info = await client.connect();
    assert.equal(info.resumed, false);
    assert.deepEqual(events, ['key-rotate:handshake', 'connect']);
    await until(() => client.isSubscribed('prices'), 3000, 'SUBSCRIBED');
    assert.equal(server.handshakes[0].hello.client, 'rwt-js/1.0.0');

    const got = client.waitForMessage({ type: 'quote' }, 'prices', 2000);
    const perChannel = [];
    client.on('message:prices', (m) => perChannel.push(m.data));
    await server.publish('prices', { type: 'quote', price: 101.25 }, { from: 'bob' });
    const m = await got;
    assert.deepEqual(m.data, { type: 'quote', price: 101.25 });
    assert.equal(m.channel, 'prices');
    assert.equal(m.from, 'bob');
    assert.equal(m.encrypted, true);
    assert.deepEqual(perChannel, [{ type: 'quote', price: 101.25 }]);

    await client.send('prices', { bid: 1 });
    await client.send({ hello: 'server' });
    await client.send({ big: 'x'.repeat(5000) }, { channel: 'prices', encrypt: false });
    await until(() => server.received.length === 3, 3000, 'messages at the server');
    assert.deepEqual(server.received.map((r) => [r.channel, r.encrypted]), [['prices', true], [null, true], ['prices', false]]);
    assert.deepEqual(server.received[0].data, { bid: 1 });
    assert.ok(client.getStatus().compressionRatio < 0.1);
    const secretBig = await client.send({ big: 'y'.repeat(5000) }, { channel: 'prices' });
    assert.equal(secretBig.encrypted, true);
    assert.equal(secretBig.compressed, false, "'auto' never compresses an encrypted payload");

    const direct = client.waitForMessage((msg) => msg.channel === null, null, 2000);
    await server.direct({ note: 'just you' });
    assert.deepEqual((await direct).data, { note: 'just you' });
    await client.disconnect();
    assert.equal(client.getStatus().state, 'closed');
  });

  test('sends a subscription on demand and creates channel handles', async () => {
    const server = new FakeServer();
    server.echo = true;
    const client = newClient(server);
    await client.connect();
    const chat = client.createChannel('chat');
    const echoed = chat.waitForMessage(null, 2000);
    await chat.send({ text: 'hi' });
    assert.deepEqual((await echoed).data, { echo: { text: 'hi' } });
    assert.equal(chat.isActive(), true);
    await chat.close();
    assert.equal(chat.isActive(), false);
    await client.disconnect();
  });

  test('a refused subscription rejects with the server code', async () => {
    const server = new FakeServer();
    server.forbidden.add('secret');
    const client = newClient(server);
    await client.connect();
    await assert.rejects(client.subscribe('secret'), { code: 'FORBIDDEN', operation: 'subscribe' });
    await assert.rejects(client.subscribe('bad name!'), { code: 'BAD_CHANNEL_NAME' });
    await client.disconnect();
  });

  test('RPC calls run many at once and map errors and timeouts', async () => {
    const server = new FakeServer();
    const client = newClient(server);
    await client.connect();
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => client.call('add', { a: i, b: 10 })));
    assert.deepEqual(results, [11, 12, 13, 14, 15]);
    await assert.rejects(client.call('nope', {}), (e) => e.code === 'NO_SUCH_METHOD' && e.operation === 'call' && !e.canRetry());
    await assert.rejects(client.call('add', { a: 1, b: 1, delayMs: 300 }, { timeout: 50 }), RWTTimeoutError);
    await client.disconnect();
  });

  test('ACKs received reliable frames and frees its own kept frames when ACKed', async () => {
    const server = new FakeServer();
    const client = newClient(server, { channels: ['feed'] });
    await client.connect();
    await until(() => client.isSubscribed('feed'));
    for (let i = 0; i < 40; i++) await server.publish('feed', { i });
    await until(() => server.current.session.kept.size === 0, 3000, 'client ACKs');
    for (let i = 0; i < 3; i++) await client.send('feed', { i });
    await until(() => client.getStatus().unackedFrames === 0, 3000, 'server ACKs');
    await client.disconnect();
  });

  test('wrong authentication fails connect with RWTAuthenticationError', async () => {
    const server = new FakeServer();
    const client = newClient(server, { authToken: 'bad-token' });
    await assert.rejects(client.connect(), RWTAuthenticationError);
  });

  test('a dropped connection resumes with no loss and no duplicates', async () => {
    const server = new FakeServer();
    const client = newClient(server, { channels: ['room'] });
    await client.connect();
    await until(() => client.isSubscribed('room'));
    const seen = [];
    client.on('message:room', (m) => seen.push(m.data.n));
    const events = [];
    client.on('disconnect', (e) => events.push(`disconnect:${e.code}:${e.willReconnect}`));
    client.on('reconnect', (e) => events.push(`reconnect:${e.resumed}`));
    client.on('continuity-lost', () => events.push('continuity-lost'));

    for (let n = 1; n <= 3; n++) await server.publish('room', { n });
    for (let n = 1; n <= 3; n++) await client.send('room', { n });
    await until(() => seen.length === 3 && server.received.length === 3);

    // Frames in flight are lost both ways, then the network drops.
    server.blackhole = true;
    for (let n = 4; n <= 6; n++) await server.publish('room', { n });
    const sends = [4, 5, 6].map((n) => client.send('room', { n }));
    await Promise.all(sends);
    await delay(20);
    server.blackhole = false;
    server.dropAll();

    await until(() => client.getStatus().state === 'open' && server.handshakes.length === 2, 3000, 'reconnect');
    assert.equal(server.handshakes[1].resumed, true);
    assert.ok(server.handshakes[1].hello.resume, 'HELLO carried resume');
    await until(() => seen.length === 6 && server.received.length === 6, 3000, 'resent frames');
    for (let n = 7; n <= 8; n++) await server.publish('room', { n });
    await client.send('room', { n: 7 });
    await until(() => seen.length === 8 && server.received.length === 7);
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(server.received.map((r) => r.data.n), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(server.duplicates, []);
    assert.deepEqual(events, ['disconnect:1006:true', 'reconnect:true']);
    assert.equal(client.getStatus().continuityLost, false);
    await client.disconnect();
  });

  test('duplicates resent by the server after a resume are dropped', async () => {
    const server = new FakeServer();
    server.resendEverything = true;
    const client = newClient(server, { channels: ['room'] });
    await client.connect();
    await until(() => client.isSubscribed('room'));
    const seen = [];
    client.on('message:room', (m) => seen.push(m.data.n));
    server.current.acks.stop();
    for (let n = 1; n <= 3; n++) await server.publish('room', { n });
    await until(() => seen.length === 3);
    server.dropAll();
    await until(() => server.handshakes.length === 2 && client.getStatus().state === 'open');
    await server.publish('room', { n: 4 });
    await until(() => seen.length === 4);
    assert.deepEqual(seen, [1, 2, 3, 4]);
    assert.ok(client.getStatus().duplicatesDropped >= 3);
    await client.disconnect();
  });

  test('a session the server forgot yields continuity-lost and re-subscribes', async () => {
    const server = new FakeServer();
    const client = newClient(server, { channels: ['room'] });
    await client.connect();
    await until(() => client.isSubscribed('room'));
    const lost = new Promise((resolve) => client.once('continuity-lost', resolve));
    server.forgetSessions();
    server.dropAll();
    const event = await lost;
    assert.equal(event.resumeRequested, true);
    await until(() => client.isSubscribed('room'), 3000, 're-subscribe');
    assert.equal(client.getStatus().continuityLost, true);
    const got = client.waitForMessage(null, 'room', 2000);
    await server.publish('room', { after: true });
    assert.deepEqual((await got).data, { after: true });
    await client.disconnect();
  });

  test('a violation close by the server ends the session without reconnecting', async () => {
    const server = new FakeServer();
    const client = newClient(server);
    await client.connect();
    const disconnected = new Promise((resolve) => client.once('disconnect', resolve));
    server.current.close(4010, 'BAD_TOKEN');
    const e = await disconnected;
    assert.equal(e.code, 4010);
    assert.equal(e.willReconnect, false);
    await delay(50);
    assert.equal(server.handshakes.length, 1);
    assert.equal(client.getStatus().state, 'closed');
  });

  test('sends queued while reconnecting go out after the resume, high priority first', async () => {
    const server = new FakeServer();
    const client = newClient(server);
    await client.connect();
    server.refuseConnections = true;
    server.dropAll();
    await until(() => client.getStatus().state === 'reconnecting');
    const a = client.send({ n: 'low' }, { priority: 'low' });
    const b = client.send({ n: 'high' }, { priority: 'high' });
    server.refuseConnections = false;
    await Promise.all([a, b]);
    await until(() => server.received.length === 2);
    assert.deepEqual(server.received.map((r) => r.data.n), ['high', 'low']);
    await client.disconnect();
  });

  test('a pinned identity accepts the signed WELCOME; a wrong pin refuses it', async () => {
    const iv = vectors.identity;
    const identityKey = await fixedKeyPair(iv.identityPrivate, iv.identity, 'ECDSA');
    const server = new FakeServer({ identityKey });
    const good = newClient(server);
    const seen = [];
    good.enableE2E({ fingerprint: iv.fingerprintSha256, verificationCallback: (info) => { seen.push(info.fingerprint); return true; } });
    const info = await good.connect();
    assert.equal(info.fingerprint, iv.fingerprintSha256);
    assert.deepEqual(seen, [iv.fingerprintSha256]);
    await good.disconnect();

    const bad = newClient(server);
    bad.enableE2E({ fingerprint: '00'.repeat(32) });
    await assert.rejects(bad.connect(), { name: 'RWTEncryptionError', code: 'IDENTITY_MISMATCH' });

    const unsigned = newClient(new FakeServer());
    unsigned.enableE2E({ identity: iv.identity });
    await assert.rejects(unsigned.connect(), { code: 'IDENTITY_REQUIRED' });
  });

  test('epochs rotate on the shared schedule and traffic keeps flowing', async () => {
    const server = new FakeServer({ rotation: { pattern: 'fibonacci', intervalMs: 40, start: Date.now() } });
    const client = newClient(server, { channels: ['tick'] });
    const rotations = [];
    client.on('token-rotate', (e) => rotations.push(e.epoch));
    await client.connect();
    await until(() => client.isSubscribed('tick'));
    await until(() => rotations.length >= 3, 3000, 'token rotations');
    const got = client.waitForMessage(null, 'tick', 2000);
    await server.publish('tick', { ok: 1 });
    assert.deepEqual((await got).data, { ok: 1 });
    assert.equal(await client.call('add', { a: 2, b: 3 }), 5);
    assert.ok(client.getStatus().tokenRotations >= 3);
    await client.disconnect();
  });

  test('a token provider renews the application token with REFRESH', async () => {
    const server = new FakeServer({ authExp: Date.now() + 200 });
    let n = 0;
    const client = newClient(server, { authToken: () => `good-${++n}` });
    client.configureTokenRotation({ renewThreshold: 0.5 });
    const refreshed = new Promise((resolve) => client.once('auth-refresh', resolve));
    await client.connect();
    const e = await refreshed;
    assert.ok(e.authExp > Date.now());
    assert.deepEqual(server.refreshes, ['good-2']);
    await client.disconnect();
  });

  test('getStatus reports state, latency and counters', async () => {
    const server = new FakeServer();
    const client = newClient(server);
    assert.equal(client.getStatus().state, 'idle');
    await client.connect();
    await until(() => client.getStatus().latency !== null, 2000, 'PONG');
    const s = client.getStatus();
    assert.equal(s.state, 'open');
    assert.equal(typeof s.uptime, 'number');
    assert.equal(s.sessionId, 's-1');
    await client.disconnect();
    await assert.rejects(client.send({ x: 1 }), { code: 'NOT_CONNECTED' });
  });
});

describe('RWTClient heartbeat', () => {
  test('a silent server is closed with 4002 by the client, which then resumes', async () => {
    const server = new FakeServer({ heartbeatMs: 150 });
    const client = newClient(server, { channels: ['room'] });
    await client.connect();
    await until(() => client.isSubscribed('room'));
    const disconnected = new Promise((resolve) => client.once('disconnect', resolve));
    server.blackhole = true;
    const e = await disconnected;
    assert.equal(e.code, 4002);
    assert.equal(e.willReconnect, true);
    server.blackhole = false;
    await until(() => server.handshakes.length === 2 && client.getStatus().state === 'open', 10000, 'resume');
    assert.equal(server.handshakes[1].resumed, true);
    const got = client.waitForMessage(null, 'room', 2000);
    await server.publish('room', { alive: true });
    assert.deepEqual((await got).data, { alive: true });
    await client.disconnect();
  });
});
