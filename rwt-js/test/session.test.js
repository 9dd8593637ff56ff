// SecureSession and the protocol modules beyond the vectors: round trips, mutation,
// limits, replay, the epoch window and key erasure.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base64UrlDecode, base64UrlEncode } from '../src/base64url.js';
import { bytesToHex, randomBytes, utf8Encode } from '../src/bytes.js';
import { packBatch, planMessages, unpackBatch } from '../src/batch.js';
import { deflateRaw, inflateRaw } from '../src/deflate.js';
import { decodeFrame } from '../src/frame.js';
import { KeyChain, ratchetStep } from '../src/key-schedule.js';
import { decodeMeta, encodeMeta } from '../src/meta.js';
import { RotationSchedule, rotatorRegistry } from '../src/rotation.js';
import { SecureSession } from '../src/secure-session.js';
import { FrameType } from '../src/wire.js';

const schedule = () => new RotationSchedule({ pattern: 'fixed', intervalMs: 1000, start: 0 });

function pair({ now = () => 5500, maxFrameBytes = 65536 } = {}) {
  const c2s0 = randomBytes(32);
  const s2c0 = randomBytes(32);
  const make = (role) => new SecureSession({ role, c2s0, s2c0, schedule: schedule(), now, maxFrameBytes });
  return { client: make('client'), server: make('server') };
}

describe('seal/open round trips', () => {
  test('random payloads with every flag combination open to what was sealed', async () => {
    const { client, server } = pair();
    for (let i = 0; i < 64; i++) {
      const payload = randomBytes(i * 37 % 700);
      const options = { encrypt: (i & 1) === 1, compress: (i & 2) === 2, meta: (i & 4) ? { id: `m-${i}`, ts: i } : null };
      const { seq, bytes } = await client.seal({ type: FrameType.MESSAGE, channel: i % 5, payload, ...options });
      assert.equal(seq, i + 1);
      const { frames, error } = await server.open(bytes);
      assert.equal(error, null);
      assert.equal(bytesToHex(frames[0].payload), bytesToHex(payload));
      assert.deepEqual(frames[0].meta, options.meta);
      assert.equal(frames[0].channel, i % 5);
      assert.equal(frames[0].encrypted, options.encrypt);
    }
  });

  test('frames sealed concurrently keep call order in their seqs', async () => {
    const { client, server } = pair();
    const sealed = await Promise.all([0, 1, 2, 3].map((i) => client.seal({
      type: FrameType.MESSAGE, payload: randomBytes(i === 0 ? 5000 : 3), compress: i === 0,
    })));
    assert.deepEqual(sealed.map((s) => s.seq), [1, 2, 3, 4]);
    for (const s of sealed) assert.equal((await server.open(s.bytes)).error, null);
  });

  test('every single-bit flip of a sealed MAC or ENC frame is rejected and changes nothing', async () => {
    for (const encrypt of [false, true]) {
      const { client, server } = pair();
      const { bytes } = await client.seal({ type: FrameType.MESSAGE, channel: 2, payload: utf8Encode('{"a":1}'), json: true, encrypt });
      for (let bit = 0; bit < bytes.length * 8; bit++) {
        const damaged = Uint8Array.from(bytes);
        damaged[bit >> 3] ^= 1 << (bit & 7);
        const { frames, error } = await server.open(damaged);
        assert.equal(frames.length, 0, `bit ${bit} accepted`);
        assert.ok([4000, 4010].includes(error?.closeCode), `bit ${bit}: ${error?.closeCode}`);
      }
      assert.equal(server.lastRecvSeq, 0);
      assert.equal((await server.open(bytes)).error, null, 'the undamaged frame still opens');
    }
  });

  test('every truncation of a sealed frame is rejected', async () => {
    const { client, server } = pair();
    const { bytes } = await client.seal({ type: FrameType.MESSAGE, payload: randomBytes(20) });
    for (let n = 0; n < bytes.length; n++) {
      const { error } = await server.open(bytes.subarray(0, n));
      assert.ok([4000, 4010].includes(error?.closeCode), `length ${n}`);
    }
  });
});

describe('replay and the epoch window', () => {
  test('a replayed frame closes with 4011', async () => {
    const { client, server } = pair();
    const { bytes } = await client.seal({ type: FrameType.MESSAGE, payload: randomBytes(4) });
    assert.equal((await server.open(bytes)).error, null);
    assert.equal((await server.open(bytes)).error.closeCode, 4011);
  });

  test('a token two epochs old closes with 4010; one epoch old is accepted', async () => {
    let now = 5500;
    const { client, server } = pair({ now: () => now });
    const first = await client.seal({ type: FrameType.MESSAGE, payload: randomBytes(4) });
    const second = await client.seal({ type: FrameType.MESSAGE, payload: randomBytes(4) });
    now = 6500; // receiver at epoch 6, frames from epoch 5
    assert.equal((await server.open(first.bytes)).error, null);
    now = 7500; // receiver at epoch 7: epoch 5 is gone
    assert.equal((await server.open(second.bytes)).error.closeCode, 4010);
  });

  test('a token two epochs ahead closes with 4010', async () => {
    let now = 7500;
    const { client, server } = pair({ now: () => now });
    const { bytes } = await client.seal({ type: FrameType.MESSAGE, payload: randomBytes(4) });
    now = 5500;
    assert.equal((await server.open(bytes)).error.closeCode, 4010);
  });

  test('a key chain erases epochs below the window for good', async () => {
    const chain = new KeyChain(randomBytes(32));
    await chain.keysFor(3);
    await chain.eraseBelow(2);
    assert.equal(chain.base, 2);
    await assert.rejects(chain.keysFor(1), { closeCode: 4010 });
    await chain.keysFor(2);
    assert.equal(String(chain), 'KeyChain(base=2)');
  });

  test('keys reached through erasure equal the ratchet', async () => {
    const c0 = randomBytes(32);
    let raw = c0;
    for (let e = 0; e < 5; e++) raw = (await ratchetStep(raw)).next;
    const expectedMac = (await ratchetStep(raw)).mac;
    const chain = new KeyChain(c0);
    await chain.eraseBelow(2);
    await chain.eraseBelow(5);
    const keys = await chain.keysFor(5);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', keys.macKey, Uint8Array.of(9)));
    const expected = new Uint8Array(await crypto.subtle.sign('HMAC',
      await crypto.subtle.importKey('raw', expectedMac, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']), Uint8Array.of(9)));
    assert.equal(bytesToHex(mac), bytesToHex(expected));
  });
});

describe('limits and bodies', () => {
  test('a deflate bomb is refused with 4009 without inflating it all', async () => {
    const { client, server } = pair({ maxFrameBytes: 1 << 20 });
    const bomb = await deflateRaw(new Uint8Array(64 << 20)); // 64 MiB of zeros, ~64 KiB compressed
    assert.ok(bomb.length < 1 << 20);
    await assert.rejects(inflateRaw(bomb, 1 << 20), { closeCode: 4009 });
    // The same bomb inside a sealed frame: sealed as if compressed, but under the limit on the wire.
    const sealer = new SecureSession({ role: 'client', c2s0: new Uint8Array(32), s2c0: new Uint8Array(32), schedule: schedule(), now: () => 5500, maxFrameBytes: 1 << 27 });
    const receiver = new SecureSession({ role: 'server', c2s0: new Uint8Array(32), s2c0: new Uint8Array(32), schedule: schedule(), now: () => 5500, maxFrameBytes: 1 << 20 });
    const { bytes } = await sealer.seal({ type: FrameType.MESSAGE, payload: new Uint8Array(64 << 20), compress: true });
    const { error } = await receiver.open(bytes);
    assert.equal(error.closeCode, 4009);
    assert.equal(receiver.lastRecvSeq, 0);
    void client;
    void server;
  });

  test('a message longer than maxFrameBytes + 33 closes with 4009', async () => {
    const { server } = pair({ maxFrameBytes: 100 });
    const { error } = await server.open(new Uint8Array(134));
    assert.equal(error.closeCode, 4009);
  });

  test('an ACK body that is not 8 bytes closes with 4000 after the token check', async () => {
    const { client, server } = pair();
    const { bytes } = await client.seal({ type: FrameType.ACK, payload: new Uint8Array(7) });
    assert.equal((await server.open(bytes)).error.closeCode, 4000);
  });

  test('a JSON frame with a body that is not JSON closes with 4000', async () => {
    const { client, server } = pair();
    const { bytes } = await client.seal({ type: FrameType.CALL, payload: utf8Encode('{nope'), json: true });
    assert.equal((await server.open(bytes)).error.closeCode, 4000);
  });

  test('a frame type the peer may not send closes with 4000', async () => {
    const { client } = pair();
    const other = pair();
    void other;
    const { bytes } = await client.seal({ type: FrameType.CALL, payload: utf8Encode('{}'), json: true });
    const sameSide = new SecureSession({ role: 'client', c2s0: new Uint8Array(32), s2c0: new Uint8Array(32), schedule: schedule(), now: () => 5500, maxFrameBytes: 1000 });
    // A client receiving a c2s CALL: the token is under another chain, so it fails first (4010).
    assert.equal((await sameSide.open(bytes)).error.closeCode, 4010);
  });

  test('an unknown frame type with a valid token closes with 4000', async () => {
    const { client, server } = pair();
    const { bytes } = await client.seal({ type: 0x55, payload: new Uint8Array(0) });
    assert.equal((await server.open(bytes)).error.closeCode, 4000);
    assert.equal(server.lastRecvSeq, 0);
  });

  test('a message over maxFrameBytes cannot be sealed', async () => {
    const { client } = pair({ maxFrameBytes: 10 });
    await assert.rejects(client.seal({ type: FrameType.MESSAGE, payload: new Uint8Array(11) }), { code: 'TOO_LARGE' });
  });

  test('META length past the end is malformed', () => {
    assert.throws(() => decodeMeta(Uint8Array.of(0, 9, 0x7b, 0x7d)), { closeCode: 4000 });
    const body = encodeMeta({ from: null, id: 'x', ts: 1 }, Uint8Array.of(1, 2));
    assert.deepEqual(decodeMeta(body).meta, { from: null, id: 'x', ts: 1 });
  });
});

describe('batches', () => {
  test('a batch of sealed frames opens entry by entry and a bad entry keeps earlier ones', async () => {
    const { client, server } = pair();
    const a = await client.seal({ type: FrameType.MESSAGE, payload: Uint8Array.of(1) });
    const b = await client.seal({ type: FrameType.MESSAGE, payload: Uint8Array.of(2) });
    const c = await client.seal({ type: FrameType.MESSAGE, payload: Uint8Array.of(3) });
    const damaged = Uint8Array.from(c.bytes);
    damaged[damaged.length - 1] ^= 1;
    const { frames, error } = await server.open(packBatch([a.bytes, b.bytes, damaged]));
    assert.deepEqual(frames.map((f) => f.seq), [1, 2]);
    assert.equal(error.closeCode, 4010);
    assert.equal(server.lastRecvSeq, 2);
  });

  test('a batch is judged as of its arrival, however long its entries take to open', async () => {
    let now = 5500;
    const { client, server } = pair({ now: () => now });
    const sealed = [];
    for (let i = 0; i < 3; i++) sealed.push((await client.seal({ type: FrameType.MESSAGE, payload: Uint8Array.of(i) })).bytes);
    const batch = packBatch(sealed);
    now = 7500; // opened two epochs after it arrived at 5600
    const { frames, error } = await server.open(batch, 5600);
    assert.equal(error, null);
    assert.deepEqual(frames.map((f) => f.seq), [1, 2, 3]);
    const late = await client.seal({ type: FrameType.MESSAGE, payload: Uint8Array.of(9) });
    assert.equal((await server.open(late.bytes)).error, null, 'sealed at 7500, opened at 7500');
  });

  test('a batch that arrived two epochs after it was sealed closes with 4010', async () => {
    let now = 5500;
    const { client, server } = pair({ now: () => now });
    const a = await client.seal({ type: FrameType.MESSAGE, payload: Uint8Array.of(1) });
    now = 7500;
    const { frames, error } = await server.open(packBatch([a.bytes]), 7400);
    assert.equal(frames.length, 0);
    assert.equal(error.closeCode, 4010);
  });

  test('planMessages sends a lone frame as itself and splits batches at the size limit', () => {
    const f = (n) => new Uint8Array(33 + n);
    assert.equal(planMessages([f(5)], 1000)[0].length, 38);
    const messages = planMessages([f(400), f(400), f(400)], 33 + 900);
    assert.equal(messages.length, 2);
    assert.equal(decodeFrame(messages[0]).type, FrameType.BATCH);
    assert.equal(unpackBatch(decodeFrame(messages[0])).length, 2);
    assert.equal(messages[1].length, 433);
  });
});

describe('codecs and schedules', () => {
  test('base64url round trips every length and refuses padding and foreign characters', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = randomBytes(n);
      assert.equal(bytesToHex(base64UrlDecode(base64UrlEncode(bytes))), bytesToHex(bytes));
    }
    assert.throws(() => base64UrlDecode('AA=='));
    assert.throws(() => base64UrlDecode('A+B/'));
    assert.throws(() => base64UrlDecode('AB')); // non-zero padding bits
  });

  test('epochAt of a golden schedule a long way from start answers quickly and consistently', () => {
    const s = new RotationSchedule({ pattern: 'golden', intervalMs: 1000, start: 0 });
    const far = 1000 * 3_000_000;
    const e = s.epochAt(far);
    assert.ok(Math.abs(e - 3_000_000) < 3000);
    assert.equal(s.epochAt(far + 10), s.epochAt(far + 10));
    const early = s.epochAt(5000);
    assert.equal(new RotationSchedule({ pattern: 'golden', intervalMs: 1000, start: 0 }).epochAt(5000), early);
  });

  test('fixed and fibonacci answer in closed form even millions of epochs out', () => {
    const fixed = new RotationSchedule({ pattern: 'fixed', intervalMs: 1, start: 0 });
    assert.equal(fixed.epochAt(4e9 - 1), 4e9 - 1);
    const fib = new RotationSchedule({ pattern: 'fibonacci', intervalMs: 1, start: 0 });
    assert.equal(fib.epochAt(20 * 1e8), 6e8);
  });

  test('a custom rotator is used by name; an unknown name is refused', () => {
    const rotators = rotatorRegistry({ name: 'double', duration: (e, i) => i * 2 });
    const s = new RotationSchedule({ pattern: 'double', intervalMs: 10, start: 100 }, rotators);
    assert.equal(s.epochAt(139), 1);
    assert.equal(s.epochAt(140), 2);
    assert.equal(s.nextBoundaryAfter(140), 160);
    assert.throws(() => new RotationSchedule({ pattern: 'nope', intervalMs: 10, start: 0 }), RangeError);
    const bad = new RotationSchedule({ pattern: 'zero', intervalMs: 10, start: 0 }, rotatorRegistry({ zero: () => 0 }));
    assert.throws(() => bad.epochAt(50), RangeError);
  });
});
