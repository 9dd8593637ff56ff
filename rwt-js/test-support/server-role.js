// The server's side of the handshake, built from the client's own protocol modules. Used
// by the tests to rebuild the WELCOME vector and to drive the fake server.

import { base64UrlDecode, base64UrlEncode } from '../src/base64url.js';
import { randomBytes } from '../src/bytes.js';
import { protocolViolation } from '../src/errors.js';
import { decodeFrame } from '../src/frame.js';
import { ecdhSharedSecret, generateEcdhKeyPair, importEcdhPublicKey } from '../src/handshake.js';
import { handshakeTranscript } from '../src/identity.js';
import { decodeJsonObject, encodeJson } from '../src/json.js';
import { deriveSessionSecrets, importEpochKeys, ratchetStep } from '../src/key-schedule.js';
import { sealFrame } from '../src/sealing.js';
import { Direction, Flag, FrameType } from '../src/wire.js';

export function parseHello(bytes) {
  const frame = decodeFrame(bytes);
  if (frame.type !== FrameType.HELLO) throw protocolViolation('first frame must be HELLO');
  const json = decodeJsonObject(frame.body);
  return {
    json,
    auth: json.auth,
    nonce: base64UrlDecode(json.nonce),
    ecdh: base64UrlDecode(json.ecdh),
    resume: json.resume ? { ...json.resume, proof: base64UrlDecode(json.resume.proof) } : null,
    client: json.client,
  };
}

/**
 * Builds and seals a WELCOME for a parsed HELLO.
 * @returns {Promise<{bytes: Uint8Array, secrets: {prk, c2s0, s2c0, resume}, body: object}>}
 */
export async function buildWelcome({
  hello, keyPair, nonce, rotationKey = '', previousResumeKey = null, session, time, rotation,
  heartbeatMs = 25000, maxFrameBytes = 1048576, resumeTtlMs = 120000, resumed = false, lastSeq = 0,
  authExp = null, identityKey = null,
}) {
  const pair = keyPair ?? await generateEcdhKeyPair();
  const serverNonce = nonce ?? randomBytes(32);
  const serverEcdh = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const z = await ecdhSharedSecret(pair.privateKey, await importEcdhPublicKey(hello.ecdh));
  const secrets = await deriveSessionSecrets({
    sharedSecret: z, rotationKey, previousResumeKey: resumed ? previousResumeKey : null,
    clientNonce: hello.nonce, serverNonce,
  });
  const body = {
    v: 1, session, nonce: base64UrlEncode(serverNonce), ecdh: base64UrlEncode(serverEcdh), time, rotation,
    heartbeatMs, maxFrameBytes, resumeTtlMs, resumed, lastSeq, authExp,
  };
  if (identityKey) {
    const transcript = handshakeTranscript(hello.nonce, serverNonce, hello.ecdh, serverEcdh);
    const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, identityKey.privateKey, transcript);
    body.identity = base64UrlEncode(new Uint8Array(await crypto.subtle.exportKey('raw', identityKey.publicKey)));
    body.sig = base64UrlEncode(new Uint8Array(sig));
  }
  const step = await ratchetStep(secrets.s2c0);
  const keys = await importEpochKeys(0, step.mac, step.enc);
  const bytes = await sealFrame({
    direction: Direction.S2C, keys, type: FrameType.WELCOME, flags: Flag.JSON, seq: 0, epoch: 0, body: encodeJson(body),
  });
  return { bytes, secrets, body };
}
