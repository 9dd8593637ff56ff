// Renewing the application token on a live connection (PROTOCOL.md section 4.1), against the
// in-process fake server, with tokens that live a few hundred milliseconds.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RWTAuthenticationError, RWTClient } from '../src/rwt-client.js';
import { FakeServer } from '../test-support/fake-server.js';

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate, timeoutMs = 10000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(5);
  }
}

/** Lets the test hand out tokens the server knows: a principal, a lifetime, the channels allowed. */
function tokenIssuer(server) {
  const grants = new Map();
  let n = 0;
  server.authenticate = (token) => grants.get(token) ?? null;
  return (principal, lifetimeMs, channels = null) => {
    const token = `t-${++n}-${principal}`;
    grants.set(token, { principal, authExp: Date.now() + lifetimeMs, channels });
    return token;
  };
}

/** A client whose token function is `source`; `record` collects its events by name. */
function newClient(server, source, options = {}) {
  const asked = { count: 0 };
  const client = new RWTClient({
    endpoint: 'ws://localhost/rwt', WebSocket: server.WebSocket, ...options,
    authToken: async () => {
      asked.count += 1;
      return source(asked.count);
    },
  });
  client.configureReconnection({ baseDelay: 10, maxDelay: 50, jitter: 0 });
  const events = {};
  for (const name of ['auth-refresh', 'auth-refresh-failed', 'disconnect', 'reconnect', 'error', 'unsubscribed']) {
    events[name] = [];
    client.on(name, (e) => events[name].push(e));
  }
  return { client, asked, events };
}

describe('token renewal', () => {
  test('a connection with 1 s tokens renews again and again and keeps receiving a stream', async () => {
    const server = new FakeServer();
    const issue = tokenIssuer(server);
    const { client, asked, events } = newClient(server, () => issue('alice', 1000), { channels: ['ticks'] });
    const ticks = [];
    client.on('message:ticks', (m) => ticks.push(m.data.n));
    await client.connect();
    const firstExp = client.getStatus().authExp;
    await until(() => client.isSubscribed('ticks'), 10000, 'SUBSCRIBED');
    for (let n = 1; n <= 15; n++) {
      await server.publish('ticks', { n });
      await delay(200); // 15 x 200 ms: three times the token's life
    }
    await until(() => ticks.length === 15, 10000, 'the stream');
    assert.deepEqual(ticks, Array.from({ length: 15 }, (_, i) => i + 1));
    assert.ok(events['auth-refresh'].length >= 2, `renewed ${events['auth-refresh'].length} times`);
    assert.ok(events['auth-refresh'][0].authExp > firstExp);
    assert.ok(events['auth-refresh'][1].authExp > events['auth-refresh'][0].authExp);
    assert.ok(asked.count >= 1 + events['auth-refresh'].length, 'a fresh token for each renewal');
    assert.deepEqual(events.disconnect, []);
    assert.deepEqual(server.closes, []);
    assert.equal(client.getStatus().state, 'open');
    await client.disconnect();
  });

  test('a failing token function is retried with backoff, then the server closes 4001 at expiry', async () => {
    const server = new FakeServer();
    const issue = tokenIssuer(server);
    const { client, asked, events } = newClient(server, (n) => {
      if (n === 1) return issue('bob', 1000);
      throw new Error('identity provider down');
    });
    client.configureTokenRotation({ renewThreshold: 0.5 });
    await client.connect();
    const authExp = client.getStatus().authExp;
    await until(() => client.getStatus().state === 'closed', 10000, 'the close at expiry');
    assert.ok(Date.now() >= authExp - 20, 'closed at the expiry, not before');

    const failures = events['auth-refresh-failed'];
    assert.ok(failures.length >= 2, `${failures.length} failures`);
    assert.deepEqual(failures.map((f) => f.attempt), failures.map((_, i) => i + 1));
    assert.equal(failures[0].willRetry, true);
    assert.ok(failures[1].retryInMs < failures[0].retryInMs, 'retries squeezed before the expiry');
    assert.equal(failures.at(-1).willRetry, false, 'gave up when no retry fit');
    assert.ok(failures[0].error instanceof RWTAuthenticationError);
    assert.equal(failures[0].error.cause.message, 'identity provider down');
    assert.equal(failures[0].authExp, authExp);

    assert.deepEqual(server.closes, [{ code: 4001, reason: 'auth expired' }]);
    const ended = client.getStatus().lastError;
    assert.ok(ended instanceof RWTAuthenticationError);
    assert.equal(ended.closeCode, 4001);
    assert.equal(ended.canRetry(), false);
    assert.equal(events.disconnect.length, 1);
    assert.equal(events.disconnect[0].code, 4001);
    assert.equal(events.disconnect[0].willReconnect, false);
    assert.ok(events.error.includes(ended));

    const askedAtClose = asked.count;
    await delay(150);
    assert.deepEqual(events.reconnect, [], 'no reconnect with a dead token');
    assert.equal(server.handshakes.length, 1);
    assert.equal(asked.count, askedAtClose);
  });

  test('a renewal that drops a channel permission ends that subscription only', async () => {
    const server = new FakeServer();
    const issue = tokenIssuer(server);
    let allowed = ['alpha', 'beta'];
    const { client, events } = newClient(server, () => issue('carol', 1500, allowed));
    await client.connect();
    const alpha = client.createChannel('alpha');
    const beta = client.createChannel('beta');
    await alpha.open();
    const betaId = await beta.open();
    allowed = ['alpha']; // the identity provider took "beta" away

    await until(() => events.unsubscribed.length > 0, 10000, 'unsubscribed');
    assert.deepEqual(events.unsubscribed, [{ channel: 'beta', id: betaId, reason: 'FORBIDDEN' }]);
    assert.equal(beta.isActive(), false);
    assert.equal(alpha.isActive(), true);
    const got = [];
    client.on('message', (m) => got.push([m.channel, m.data]));
    await server.publish('beta', { n: 1 });
    await server.publish('alpha', { n: 1 });
    await until(() => got.length > 0, 10000, 'a message on alpha');
    await delay(20);
    assert.deepEqual(got, [['alpha', { n: 1 }]]);
    assert.equal(client.getStatus().state, 'open');
    await client.disconnect();
  });

  test('a renewed token of another principal is closed 4003 and reported as an authorization error', async () => {
    const server = new FakeServer();
    const issue = tokenIssuer(server);
    const { client, asked, events } = newClient(server, (n) => (n === 1 ? issue('dave', 3000) : issue('mallory', 3600000)));
    await client.connect();
    await until(() => client.getStatus().state === 'closed', 10000, 'the close for the other principal');
    assert.deepEqual(server.closes, [{ code: 4003, reason: 'FORBIDDEN' }]);
    const ended = client.getStatus().lastError;
    assert.ok(ended instanceof RWTAuthenticationError);
    assert.equal(ended.code, 'FORBIDDEN');
    assert.equal(ended.closeCode, 4003);
    assert.equal(ended.canRetry(), false);
    assert.equal(events.disconnect[0].willReconnect, false);
    assert.ok(events.error.includes(ended));
    await delay(100);
    assert.deepEqual(events.reconnect, [], 'not a drop to retry');
    assert.equal(asked.count, 2);
  });

  test('a reconnect after a drop asks the token function again and resumes with the fresh token', async () => {
    const server = new FakeServer();
    const issue = tokenIssuer(server);
    const { client, events } = newClient(server, () => issue('erin', 60000));
    await client.connect();
    server.dropAll();
    await until(() => events.reconnect.length === 1, 10000, 'reconnect');
    const [first, second] = server.handshakes;
    assert.equal(second.resumed, true);
    assert.notEqual(second.hello.auth, first.hello.auth);
    await client.disconnect();
  });
});
