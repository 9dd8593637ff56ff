// RWT/1 shared vectors: every entry of test-vectors.json is reproduced here.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base64UrlDecode } from '../src/base64url.js';
import { bytesToHex, utf8Decode, utf8Encode } from '../src/bytes.js';
import { decodeFrame } from '../src/frame.js';
import { ClientHandshake, ecdhSharedSecret, importEcdhPublicKey } from '../src/handshake.js';
import { IdentityPin, handshakeTranscript, identityFingerprint, verifyIdentitySignature } from '../src/identity.js';
import { deriveSessionSecrets, importEpochKeys, ratchetStep, resumeProof } from '../src/key-schedule.js';
import { RotationSchedule } from '../src/rotation.js';
import { openFrame, sealFrame } from '../src/sealing.js';
import { SecureSession } from '../src/secure-session.js';
import { Flag } from '../src/wire.js';
import { buildWelcome, parseHello } from '../test-support/server-role.js';
import { fixedKeyPair, hex, vectors } from '../test-support/vectors.js';

const hs = vectors.handshake;
const golden = { pattern: 'golden', intervalMs: 60000, start: 1700000000000 };
// Golden epochs from start: 0 until +67082, 1 until +111246, 2 until +192492.
const AT_EPOCH_1 = golden.start + 70000;
const AT_EPOCH_2 = golden.start + 180017;

async function chainAt(chain0Hex, epoch) {
  let chain = hex(chain0Hex);
  for (let e = 0; e < epoch; e++) chain = (await ratchetStep(chain)).next;
  return chain;
}

async function epochKeys(chain0Hex, epoch) {
  const step = await ratchetStep(await chainAt(chain0Hex, epoch));
  return importEpochKeys(epoch, step.mac, step.enc);
}

function plaintextOf(v) {
  return v.plaintext !== undefined ? utf8Encode(v.plaintext) : hex(v.plaintextHex);
}

function sessionAt(role, now, lastRecvSeq = 0) {
  return new SecureSession({
    role, c2s0: hex(hs.c2s0), s2c0: hex(hs.s2c0), schedule: new RotationSchedule(golden),
    now: () => now, maxFrameBytes: 1048576, lastRecvSeq,
  });
}

describe('handshake keys', () => {
  test('ECDH of the fixed keys gives the shared secret from both sides', async () => {
    const client = await fixedKeyPair(hs.clientPrivate, hs.clientEcdh);
    const server = await fixedKeyPair(hs.serverPrivate, hs.serverEcdh);
    const z1 = await ecdhSharedSecret(client.privateKey, await importEcdhPublicKey(hex(hs.serverEcdh)));
    const z2 = await ecdhSharedSecret(server.privateKey, await importEcdhPublicKey(hex(hs.clientEcdh)));
    assert.equal(bytesToHex(z1), hs.sharedSecret);
    assert.equal(bytesToHex(z2), hs.sharedSecret);
  });

  test('HKDF gives prk, c2s0, s2c0 and resume', async () => {
    const s = await deriveSessionSecrets({
      sharedSecret: hex(hs.sharedSecret), rotationKey: hs.rotationKey,
      clientNonce: hex(hs.clientNonce), serverNonce: hex(hs.serverNonce),
    });
    assert.equal(bytesToHex(s.prk), hs.prk);
    assert.equal(bytesToHex(s.c2s0), hs.c2s0);
    assert.equal(bytesToHex(s.s2c0), hs.s2c0);
    assert.equal(bytesToHex(s.resume), hs.resume);
  });

  test('c2s ratchet epochs 0..3 give chain, mac, enc and next', async () => {
    let chain = hex(hs.c2s0);
    for (const v of vectors.ratchetC2s) {
      assert.equal(bytesToHex(chain), v.chain, `chain of epoch ${v.epoch}`);
      const step = await ratchetStep(chain);
      assert.equal(bytesToHex(step.mac), v.mac, `mac of epoch ${v.epoch}`);
      assert.equal(bytesToHex(step.enc), v.enc, `enc of epoch ${v.epoch}`);
      assert.equal(bytesToHex(step.next), v.next, `next of epoch ${v.epoch}`);
      chain = step.next;
    }
  });
});

describe('HELLO and WELCOME', () => {
  test('HELLO from the vector nonce, ecdh, auth and client is byte-exact', async () => {
    const keyPair = await fixedKeyPair(hs.clientPrivate, hs.clientEcdh);
    const h = await ClientHandshake.create({
      authToken: 'user-auth-token', clientName: 'vectors/1', keyPair, nonce: hex(hs.clientNonce),
    });
    assert.equal(utf8Decode(h.hello.subarray(33)), vectors.hello.json);
    assert.equal(bytesToHex(h.hello), vectors.hello.hex);
  });

  test('WELCOME verifies, opens and yields every field and the session keys', async () => {
    const keyPair = await fixedKeyPair(hs.clientPrivate, hs.clientEcdh);
    const h = await ClientHandshake.create({
      authToken: 'user-auth-token', rotationKey: hs.rotationKey, clientName: 'vectors/1', keyPair, nonce: hex(hs.clientNonce),
    });
    const r = await h.acceptWelcome(hex(vectors.welcome.hex), { receivedAt: 1700000000250, sentAt: 1700000000250 });
    assert.equal(r.sessionId, 's-0001');
    assert.equal(r.serverTime, 1700000000000);
    assert.equal(r.clockOffsetMs, -250);
    assert.deepEqual(r.rotation, golden);
    assert.equal(r.heartbeatMs, 25000);
    assert.equal(r.maxFrameBytes, 1048576);
    assert.equal(r.resumeTtlMs, 120000);
    assert.equal(r.resumed, false);
    assert.equal(r.lastSeq, 0);
    assert.equal(r.authExp, 1700003600000);
    assert.equal(r.identity, null);
    assert.equal(bytesToHex(r.c2s0), hs.c2s0);
    assert.equal(bytesToHex(r.s2c0), hs.s2c0);
    assert.equal(bytesToHex(r.resumeKey), hs.resume);
  });

  test('WELCOME with a flipped token bit is refused with 4010', async () => {
    const keyPair = await fixedKeyPair(hs.clientPrivate, hs.clientEcdh);
    const h = await ClientHandshake.create({ authToken: 'user-auth-token', rotationKey: hs.rotationKey, keyPair, nonce: hex(hs.clientNonce) });
    const bytes = hex(vectors.welcome.hex);
    bytes[20] ^= 1;
    await assert.rejects(h.acceptWelcome(bytes), { closeCode: 4010 });
  });

  test('WELCOME under a wrong rotation key is refused with 4010', async () => {
    const keyPair = await fixedKeyPair(hs.clientPrivate, hs.clientEcdh);
    const h = await ClientHandshake.create({ authToken: 'user-auth-token', rotationKey: 'other', keyPair, nonce: hex(hs.clientNonce) });
    await assert.rejects(h.acceptWelcome(hex(vectors.welcome.hex)), { closeCode: 4010 });
  });

  test('the server-role helper rebuilds the WELCOME vector byte for byte', async () => {
    const hello = parseHello(hex(vectors.hello.hex));
    const welcomeJson = JSON.parse(vectors.welcome.json);
    const w = await buildWelcome({
      hello,
      keyPair: await fixedKeyPair(hs.serverPrivate, hs.serverEcdh),
      nonce: hex(hs.serverNonce),
      rotationKey: hs.rotationKey,
      session: welcomeJson.session,
      time: welcomeJson.time,
      rotation: welcomeJson.rotation,
      authExp: welcomeJson.authExp,
    });
    assert.equal(bytesToHex(w.bytes), vectors.welcome.hex);
  });
});

describe('frames', () => {
  for (const v of vectors.frames) {
    test(`${v.name}: seals to the exact hex and opens back`, async () => {
      const chain0 = v.dir === 'c2s' ? hs.c2s0 : hs.s2c0;
      const keys = await epochKeys(chain0, v.epoch);
      const sealed = await sealFrame({
        direction: v.dir, keys, type: v.type, flags: v.flags, channel: v.channel, seq: v.seq, epoch: v.epoch, body: plaintextOf(v),
      });
      assert.equal(bytesToHex(sealed), v.hex);
      const frame = decodeFrame(hex(v.hex));
      assert.deepEqual(
        { type: frame.type, flags: frame.flags, channel: frame.channel, seq: frame.seq, epoch: frame.epoch },
        { type: v.type, flags: v.flags, channel: v.channel, seq: v.seq, epoch: v.epoch },
      );
      const plain = await openFrame({ direction: v.dir, keys, frame });
      assert.equal(bytesToHex(plain), bytesToHex(plaintextOf(v)));
    });

    test(`${v.name}: a session receiver at the frame's epoch accepts it`, async () => {
      const role = v.dir === 'c2s' ? 'server' : 'client';
      const session = sessionAt(role, [golden.start, AT_EPOCH_1, AT_EPOCH_2, golden.start + 200000][v.epoch]);
      const { frames, error } = await session.open(hex(v.hex));
      assert.equal(error, null);
      assert.equal(frames.length, 1);
      assert.equal(bytesToHex(frames[0].payload), bytesToHex(plaintextOf(v)));
      if (v.flags & Flag.JSON) assert.deepEqual(frames[0].json, JSON.parse(v.plaintext));
      assert.equal(session.lastRecvSeq, v.seq);
    });
  }

  test('decode-only META+DEFLATE+ENC frame opens to its meta and plaintext', async () => {
    const v = vectors.decodeOnly[0];
    const session = sessionAt('client', AT_EPOCH_2);
    const { frames, error } = await session.open(hex(v.hex));
    assert.equal(error, null);
    const [f] = frames;
    assert.deepEqual({ type: f.type, flags: f.flags, channel: f.channel, seq: f.seq, epoch: f.epoch },
      { type: v.type, flags: v.flags, channel: v.channel, seq: v.seq, epoch: v.epoch });
    assert.deepEqual(f.meta, v.meta);
    assert.equal(utf8Decode(f.payload), v.plaintext);
    assert.deepEqual(f.json, JSON.parse(v.plaintext));
    assert.ok(f.encrypted && f.compressed);
  });
});

describe('batches (s2c receiver at epoch 1, last seq 8)', () => {
  test('the valid batch yields frames[2] then frames[4]', async () => {
    const session = sessionAt('client', AT_EPOCH_1, 8);
    const { frames, error } = await session.open(hex(vectors.batch.valid.hex));
    assert.equal(error, null);
    assert.deepEqual(frames.map((f) => f.seq), [9, 10]);
    assert.equal(bytesToHex(frames[0].payload), vectors.frames[2].plaintextHex);
    assert.equal(frames[1].value, 0x18bcfe59839);
    assert.equal(session.lastRecvSeq, 10);
  });

  for (const v of vectors.batch.mustReject) {
    test(`batch rejected with ${v.close}: ${v.why}`, async () => {
      const session = sessionAt('client', AT_EPOCH_1, 8);
      const { frames, error } = await session.open(hex(v.hex));
      assert.equal(error?.closeCode, v.close);
      assert.equal(frames.length, 0);
      assert.equal(session.lastRecvSeq, 8, 'a rejected batch has no effect');
    });
  }
});

describe('damaged frames (c2s receiver at epoch 2)', () => {
  for (const v of vectors.mustReject.frames) {
    test(`rejected with ${v.close}: ${v.why}`, async () => {
      const session = sessionAt('server', AT_EPOCH_2);
      const { frames, error } = await session.open(hex(v.hex));
      assert.equal(error?.closeCode, v.close);
      assert.equal(frames.length, 0);
      assert.equal(session.lastRecvSeq, 0);
    });
  }
});

describe('resume', () => {
  const rv = vectors.resume;

  test('proof is HMAC(previous resume key, new client nonce)', async () => {
    assert.equal(bytesToHex(await resumeProof(hex(rv.previousResumeKey), hex(rv.clientNonce))), rv.proof);
  });

  test('ECDH of the resume keys and HKDF with the previous resume key give prk and keys', async () => {
    const client = await fixedKeyPair(rv.clientPrivate, rv.clientEcdh);
    const z = await ecdhSharedSecret(client.privateKey, await importEcdhPublicKey(hex(rv.serverEcdh)));
    assert.equal(bytesToHex(z), rv.sharedSecret);
    const s = await deriveSessionSecrets({
      sharedSecret: z, rotationKey: hs.rotationKey, previousResumeKey: hex(rv.previousResumeKey),
      clientNonce: hex(rv.clientNonce), serverNonce: hex(rv.serverNonce),
    });
    assert.equal(bytesToHex(s.prk), rv.prk);
    assert.equal(bytesToHex(s.c2s0), rv.c2s0);
    assert.equal(bytesToHex(s.s2c0), rv.s2c0);
    assert.equal(bytesToHex(s.resume), rv.resume);
  });

  test('a resuming handshake sends the proof and derives the resume vector keys', async () => {
    const keyPair = await fixedKeyPair(rv.clientPrivate, rv.clientEcdh);
    const h = await ClientHandshake.create({
      authToken: 't', rotationKey: hs.rotationKey, keyPair, nonce: hex(rv.clientNonce),
      resume: { session: 's-0001', lastSeq: 12, resumeKey: hex(rv.previousResumeKey) },
    });
    const hello = parseHello(h.hello);
    assert.deepEqual(Object.keys(hello.json), ['v', 'auth', 'nonce', 'ecdh', 'resume']);
    assert.deepEqual(Object.keys(hello.json.resume), ['session', 'lastSeq', 'proof']);
    assert.equal(bytesToHex(hello.resume.proof), rv.proof);
    const w = await buildWelcome({
      hello, keyPair: await fixedKeyPair(rv.serverPrivate, rv.serverEcdh), nonce: hex(rv.serverNonce),
      rotationKey: hs.rotationKey, previousResumeKey: hex(rv.previousResumeKey), session: 's-0001',
      time: golden.start, rotation: golden, resumed: true, lastSeq: 3,
    });
    const r = await h.acceptWelcome(w.bytes);
    assert.equal(r.resumed, true);
    assert.equal(r.lastSeq, 3);
    assert.equal(bytesToHex(r.c2s0), rv.c2s0);
    assert.equal(bytesToHex(r.s2c0), rv.s2c0);
    assert.equal(bytesToHex(r.resumeKey), rv.resume);
  });
});

describe('identity', () => {
  const iv = vectors.identity;

  test('fingerprint is SHA-256 of the 65-byte key', async () => {
    assert.equal(bytesToHex(await identityFingerprint(hex(iv.identity))), iv.fingerprintSha256);
  });

  test('transcript is clientNonce || serverNonce || clientEcdh || serverEcdh', () => {
    const t = handshakeTranscript(hex(hs.clientNonce), hex(hs.serverNonce), hex(hs.clientEcdh), hex(hs.serverEcdh));
    assert.equal(bytesToHex(t), iv.transcript);
  });

  test('validSig verifies', async () => {
    await verifyIdentitySignature(hex(iv.identity), hex(iv.validSig), hex(iv.transcript));
  });

  test('invalidSig is refused with BAD_SIGNATURE', async () => {
    await assert.rejects(verifyIdentitySignature(hex(iv.identity), hex(iv.invalidSig), hex(iv.transcript)),
      { name: 'RWTEncryptionError', code: 'BAD_SIGNATURE' });
  });

  test('the identity private key matches the identity and signs verifiable transcripts', async () => {
    const pair = await fixedKeyPair(iv.identityPrivate, iv.identity, 'ECDSA');
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, hex(iv.transcript)));
    await verifyIdentitySignature(hex(iv.identity), sig, hex(iv.transcript));
  });

  test('pins by key and by fingerprint (hex or base64url) accept the identity; others refuse it', async () => {
    await new IdentityPin({ identity: iv.identity }).check(hex(iv.identity));
    await new IdentityPin({ fingerprint: iv.fingerprintSha256 }).check(hex(iv.identity));
    await new IdentityPin({ fingerprint: hex(iv.fingerprintSha256) }).check(hex(iv.identity));
    const other = hex(iv.fingerprintSha256);
    other[0] ^= 1;
    await assert.rejects(new IdentityPin({ fingerprint: other }).check(hex(iv.identity)), { code: 'IDENTITY_MISMATCH' });
  });

  test('a signed WELCOME with the vector identity passes a fingerprint pin; an unsigned one does not', async () => {
    const identityKey = await fixedKeyPair(iv.identityPrivate, iv.identity, 'ECDSA');
    const keyPair = await fixedKeyPair(hs.clientPrivate, hs.clientEcdh);
    const pin = new IdentityPin({ fingerprint: iv.fingerprintSha256 });
    const start = () => ClientHandshake.create({ authToken: 'a', keyPair, nonce: hex(hs.clientNonce) });
    const welcomeFor = async (h, signed) => buildWelcome({
      hello: parseHello(h.hello), keyPair: await fixedKeyPair(hs.serverPrivate, hs.serverEcdh), nonce: hex(hs.serverNonce),
      session: 's', time: golden.start, rotation: golden, identityKey: signed ? identityKey : null,
    });
    const h1 = await start();
    const w1 = await welcomeFor(h1, true);
    assert.equal(base64UrlDecode(w1.body.sig).length, 64);
    const r = await h1.acceptWelcome(w1.bytes, { pin });
    assert.equal(r.fingerprint, iv.fingerprintSha256);
    const h2 = await start();
    await assert.rejects(h2.acceptWelcome((await welcomeFor(h2, false)).bytes, { pin }), { code: 'IDENTITY_REQUIRED' });
  });
});

describe('rotation', () => {
  for (const [pattern, v] of Object.entries(vectors.rotation)) {
    test(`${pattern}: durations d(0..${v.durations.length - 1})`, () => {
      const s = new RotationSchedule({ pattern, intervalMs: v.intervalMs, start: v.start });
      assert.deepEqual(v.durations.map((_, e) => s.duration(e)), v.durations);
    });

    test(`${pattern}: epochAt, in order and in reverse`, () => {
      const s = new RotationSchedule({ pattern, intervalMs: v.intervalMs, start: v.start });
      for (const [t, e] of v.epochAt) assert.equal(s.epochAt(t), e, `epochAt(${t})`);
      const fresh = new RotationSchedule({ pattern, intervalMs: v.intervalMs, start: v.start });
      for (const [t, e] of [...v.epochAt].reverse()) assert.equal(fresh.epochAt(t), e, `epochAt(${t}) after later times`);
    });
  }
});
