// Natural batching of the client's sends (PROTOCOL.md section 2.1), against the in-process
// fake server, which takes every BATCH apart with the client's own SecureSession.

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { RWTClient } from '../src/rwt-client.js';
import { FrameType } from '../src/wire.js';
import { FakeServer } from '../test-support/fake-server.js';

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate, timeoutMs = 10000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
}

const made = [];
afterEach(async () => {
  for (const c of made.splice(0)) await c.disconnect().catch(() => {});
});

async function connected(server, options = {}) {
  const client = new RWTClient({
    endpoint: 'ws://localhost/rwt', authToken: 'good-token', WebSocket: server.WebSocket, channels: ['room'], ...options,
  });
  client.configureReconnection({ baseDelay: 10, maxDelay: 50, jitter: 0 });
  client.on('error', () => {});
  made.push(client);
  await client.connect();
  await until(() => client.isSubscribed('room'), 15000, 'SUBSCRIBED');
  return client;
}

/** Sends n numbered messages in one synchronous loop and waits until all were handed to the socket. */
function burst(client, n, payload = (i) => ({ n: i })) {
  const sends = [];
  for (let i = 0; i < n; i++) sends.push(client.send('room', payload(i)));
  return Promise.all(sends);
}

const numbers = (n) => Array.from({ length: n }, (_, i) => i);
const batches = (messages) => messages.filter((m) => m.type === FrameType.BATCH).length;

describe('natural batching', () => {
  test('a burst of sends leaves as a few BATCH messages and arrives whole and in order', async () => {
    const server = new FakeServer();
    const client = await connected(server);
    const before = server.messagesIn.length;
    await burst(client, 100);
    await until(() => server.received.length === 100, 5000, '100 messages at the server');
    const messages = server.messagesIn.slice(before);
    assert.deepEqual(server.received.map((r) => r.data.n), numbers(100));
    assert.deepEqual(server.duplicates, []);
    assert.ok(batches(messages) >= 1, 'at least one BATCH');
    assert.ok(messages.length <= 5, `100 frames left in ${messages.length} WebSocket messages`);
  });

  test('a lone send on an idle connection leaves at once as a plain frame', async () => {
    const server = new FakeServer();
    const client = await connected(server);
    await delay(50);
    const before = server.messagesIn.length;
    await client.send('room', { n: 1 });
    await until(() => server.received.length === 1, 3000, 'the message');
    assert.deepEqual(server.messagesIn.slice(before), [server.messagesIn[before]]);
    assert.equal(server.messagesIn[before].type, FrameType.MESSAGE);
  });

  test('batching: false sends every frame as its own message', async () => {
    const server = new FakeServer();
    const client = await connected(server, { batching: false });
    const before = server.messagesIn.length;
    await burst(client, 50);
    await until(() => server.received.length === 50, 5000, '50 messages at the server');
    const messages = server.messagesIn.slice(before);
    assert.equal(batches(messages), 0);
    assert.ok(messages.length >= 50);
    assert.deepEqual(server.received.map((r) => r.data.n), numbers(50));
  });

  test('batches stay within maxFrameBytes + 33 and a burst over it splits into several', async () => {
    const server = new FakeServer({ maxFrameBytes: 4096 });
    const client = await connected(server);
    const before = server.messagesIn.length;
    await burst(client, 60, (i) => ({ n: i, pad: 'x'.repeat(300) }));
    await until(() => server.received.length === 60, 5000, '60 messages at the server');
    const messages = server.messagesIn.slice(before);
    assert.deepEqual(server.received.map((r) => r.data.n), numbers(60));
    assert.ok(messages.every((m) => m.length <= 4096 + 33), `sizes ${messages.map((m) => m.length)}`);
    assert.ok(batches(messages) >= 4, `${batches(messages)} batches for ~20 KB`);
    assert.ok(messages.length < 30, `${messages.length} messages for 60 frames`);
  });

  test('a burst across epoch changes never puts two epochs in one batch', async () => {
    // short epochs, so that sealing the burst spans some; long enough that one seal does not
    const server = new FakeServer({ rotation: { pattern: 'fixed', intervalMs: 250, start: Date.now() } });
    const client = await connected(server);
    const before = server.messagesIn.length;
    await burst(client, 600, (i) => ({ n: i, pad: 'x'.repeat(100) }));
    await until(() => server.received.length === 600 || server.closes.length > 0, 30000, '600 messages at the server');
    assert.deepEqual(server.closes, []);
    const messages = server.messagesIn.slice(before);
    assert.deepEqual(server.received.map((r) => r.data.n), numbers(600));
    for (const m of messages) assert.equal(new Set(m.epochs).size, 1, `one message held epochs ${m.epochs}`);
  });

  test('a burst lost in a drop is re-sent once after the resume, in order', async () => {
    const server = new FakeServer();
    const client = await connected(server);
    await burst(client, 5);
    await until(() => server.received.length === 5, 3000, 'the first five');
    server.blackhole = true;
    await burst(client, 40, (i) => ({ n: i + 5 }));
    await delay(20);
    server.blackhole = false;
    server.dropAll();
    await until(() => server.handshakes.length === 2 && client.getStatus().state === 'open', 5000, 'resume');
    assert.equal(server.handshakes[1].resumed, true);
    await burst(client, 5, (i) => ({ n: i + 45 }));
    await until(() => server.received.length === 50, 5000, 'all 50 at the server');
    assert.deepEqual(server.received.map((r) => r.data.n), numbers(50));
    assert.deepEqual(server.duplicates, []);
    await until(() => client.getStatus().unackedFrames === 0, 3000, 'server ACKs');
  });
});
