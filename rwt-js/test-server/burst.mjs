// The client's natural batching against a real RWT server (Node 22+, or Node 20 with
// --experimental-websocket for its global WebSocket):
//
//   node test-server/burst.mjs <ws-endpoint> <publisher-token> <subscriber-token>
//                              [--channel inbound] [--count 1000] [--timeout-ms 60000]
//
// A subscriber connection subscribes to the channel; a publisher connection sends `count`
// numbered messages on it in one synchronous loop. Checks, in order: the burst left the
// publisher in far fewer WebSocket messages than frames (BATCHes); the subscriber received
// every number once, in order; the server's own handler saw every number once, in order
// (RPC `inbound.received` of rwt-war's test handlers). Prints one "ok N - ..." line per
// check, a "burst:" line with the counts and "all checks passed" at the end; exits 1 on the
// first failure, 2 when the run takes too long.
//
// rwt-war's JsBurstIT runs it against the WAR on Payara Micro (and WildFly with -Pwildfly).

import { parseArgs } from 'node:util';
import { RWTClient } from '../src/rwt-client.js';
import { FrameType } from '../src/wire.js';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    channel: { type: 'string', default: 'inbound' },
    count: { type: 'string', default: '1000' },
    'timeout-ms': { type: 'string', default: '60000' },
  },
});
const [endpoint, publisherToken, subscriberToken] = positionals;
if (!subscriberToken) {
  console.error('usage: node test-server/burst.mjs <ws-endpoint> <publisher-token> <subscriber-token> [--count n]');
  process.exit(64);
}
if (typeof globalThis.WebSocket !== 'function') {
  console.error('no global WebSocket: use Node 22+, or Node 20 with --experimental-websocket');
  process.exit(64);
}
const channel = opts.channel;
const count = Number(opts.count);
let state = () => '';
const watchdog = setTimeout(() => {
  console.error(`FAIL: the run took longer than ${opts['timeout-ms']} ms; ${state()}`);
  process.exit(2);
}, Number(opts['timeout-ms']));

/** What one connection's socket sent: WebSocket messages, and how many of them were BATCHes. */
function countingWebSocket(counts) {
  return class extends globalThis.WebSocket {
    send(data) {
      counts.messages += 1;
      if (data[1] === FrameType.BATCH) counts.batches += 1;
      super.send(data);
    }
  };
}

let checks = 0;
function ok(description) {
  checks += 1;
  console.log(`ok ${checks} - ${description}`);
}

function check(condition, description, details) {
  if (!condition) throw new Error(`${description}: ${details}`);
  ok(description);
}

async function until(predicate) {
  while (!predicate()) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function describe(client) {
  const s = client.getStatus();
  return `state=${s.state} unacked=${s.unackedFrames} lastReceivedSeq=${s.lastReceivedSeq} lastError=${s.lastError?.message ?? null}`;
}

const sent = { messages: 0, batches: 0 };
const subscriber = new RWTClient({ endpoint, authToken: subscriberToken, WebSocket: countingWebSocket({ messages: 0, batches: 0 }) });
const publisher = new RWTClient({ endpoint, authToken: publisherToken, WebSocket: countingWebSocket(sent) });
try {
  await subscriber.connect();
  await subscriber.subscribe(channel);
  await publisher.connect();
  await publisher.subscribe(channel);
  // numbers no earlier run on the same server used
  const base = Date.now() * 1000;
  const expected = Array.from({ length: count }, (_, i) => base + i);
  const received = [];
  state = () => `received ${received.length} of ${count}; publisher ${describe(publisher)}; subscriber ${describe(subscriber)}`;
  for (const [name, client] of [['publisher', publisher], ['subscriber', subscriber]]) {
    client.on('disconnect', (e) => console.log(`${name} disconnected: ${e.code} ${e.reason ?? ''}`));
  }
  subscriber.on(`message:${channel}`, (m) => {
    if (typeof m.data === 'number' && m.data >= base) received.push(m.data);
  });

  const before = { ...sent };
  const sends = expected.map((n) => publisher.send(channel, n));
  await Promise.all(sends);
  const messages = sent.messages - before.messages;
  const batches = sent.batches - before.batches;
  console.log(`burst: frames=${count} messages=${messages} batches=${batches}`);
  check(batches >= 1 && messages * 10 <= count, `${count} frames left in ${messages} WebSocket messages (${batches} BATCH)`,
    `expected at most ${count / 10}`);

  await until(() => received.length >= count);
  check(JSON.stringify(received) === JSON.stringify(expected), 'the subscriber received every number once, in order',
    `got ${received.length}, first differences at ${received.findIndex((n, i) => n !== expected[i])}`);

  const atServer = (await publisher.call('inbound.received')).filter((n) => n >= base);
  check(JSON.stringify(atServer) === JSON.stringify(expected), "the server's handler saw every number once, in order",
    `got ${atServer.length}`);
  console.log(`all checks passed (${checks})`);
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exitCode = 1;
} finally {
  await publisher.disconnect().catch(() => {});
  await subscriber.disconnect().catch(() => {});
  clearTimeout(watchdog);
}
