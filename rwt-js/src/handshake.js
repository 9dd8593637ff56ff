// Client side of the handshake (PROTOCOL.md section 4): build HELLO, consume WELCOME.
// The WELCOME is read before its token can be checked (the keys come from its fields),
// so nothing from it is trusted until the token has verified under s2c epoch 0.

import { base64UrlDecode, base64UrlEncode } from './base64url.js';
import { bytesToHex, randomBytes, wipe } from './bytes.js';
import { RWTEncryptionError, protocolViolation } from './errors.js';
import { decodeFrame, encodeFrame } from './frame.js';
import { identityFingerprint, handshakeTranscript, verifyIdentitySignature } from './identity.js';
import { decodeJsonObject, encodeJson } from './json.js';
import { deriveSessionSecrets, importEpochKeys, ratchetStep, resumeProof } from './key-schedule.js';
import { openFrame } from './sealing.js';
import {
  Direction, EC_POINT_BYTES, Flag, FrameType, NONCE_BYTES, PROTOCOL_VERSION, SIGNATURE_BYTES,
} from './wire.js';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' };

export function generateEcdhKeyPair() {
  return globalThis.crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
}

/** Imports a 65-byte uncompressed P-256 point; an invalid point is a protocol violation. */
export async function importEcdhPublicKey(point) {
  if (point.length !== EC_POINT_BYTES || point[0] !== 0x04) throw protocolViolation('ecdh is not an uncompressed P-256 point');
  try {
    return await globalThis.crypto.subtle.importKey('raw', point, ECDH, true, []);
  } catch {
    throw protocolViolation('ecdh is not a valid P-256 point');
  }
}

/** Z: the 32-byte x-coordinate of the shared point. */
export async function ecdhSharedSecret(privateKey, peerPublicKey) {
  return new Uint8Array(await globalThis.crypto.subtle.deriveBits({ name: 'ECDH', public: peerPublicKey }, privateKey, 256));
}

function binaryField(json, name, length, optional = false) {
  const value = json[name];
  if (value === undefined && optional) return null;
  let bytes;
  try {
    bytes = base64UrlDecode(value);
  } catch {
    throw protocolViolation(`WELCOME.${name} is not base64url`);
  }
  if (bytes.length !== length) throw protocolViolation(`WELCOME.${name} must be ${length} bytes`);
  return bytes;
}

function integerField(json, name, { min = 0, nullable = false, container = 'WELCOME' } = {}) {
  const value = json[name];
  if (value === null && nullable) return null;
  if (!Number.isSafeInteger(value) || value < min) throw protocolViolation(`${container}.${name} must be an integer >= ${min}`);
  return value;
}

/** Checks the shape of a WELCOME body; ill-typed or missing fields close with 4000. */
export function parseWelcome(json) {
  if (json.v !== PROTOCOL_VERSION) throw protocolViolation('WELCOME.v must be 1');
  if (typeof json.session !== 'string' || json.session.length === 0) throw protocolViolation('WELCOME.session must be a string');
  const rotation = json.rotation;
  if (rotation === null || typeof rotation !== 'object' || typeof rotation.pattern !== 'string') {
    throw protocolViolation('WELCOME.rotation is malformed');
  }
  if (typeof json.resumed !== 'boolean') throw protocolViolation('WELCOME.resumed must be a boolean');
  const identity = binaryField(json, 'identity', EC_POINT_BYTES, true);
  const sig = binaryField(json, 'sig', SIGNATURE_BYTES, true);
  return {
    session: json.session,
    nonce: binaryField(json, 'nonce', NONCE_BYTES),
    ecdh: binaryField(json, 'ecdh', EC_POINT_BYTES),
    time: integerField(json, 'time'),
    rotation: {
      pattern: rotation.pattern,
      intervalMs: integerField(rotation, 'intervalMs', { min: 1, container: 'WELCOME.rotation' }),
      start: integerField(rotation, 'start', { container: 'WELCOME.rotation' }),
    },
    heartbeatMs: integerField(json, 'heartbeatMs'),
    maxFrameBytes: integerField(json, 'maxFrameBytes', { min: 1 }),
    resumeTtlMs: integerField(json, 'resumeTtlMs'),
    resumed: json.resumed,
    lastSeq: integerField(json, 'lastSeq'),
    authExp: integerField(json, 'authExp', { nullable: true }),
    identity,
    sig,
  };
}

/**
 * One handshake attempt. Create with ClientHandshake.create; send `hello`; pass the first
 * frame from the server to acceptWelcome.
 */
export class ClientHandshake {
  #keyPair;
  #rotationKey;
  #previousResumeKey;

  constructor({ keyPair, publicKey, nonce, rotationKey, previousResumeKey, hello }) {
    this.#keyPair = keyPair;
    this.#rotationKey = rotationKey;
    this.#previousResumeKey = previousResumeKey;
    this.clientNonce = nonce;
    this.clientEcdh = publicKey;
    /** The HELLO frame to send first. */
    this.hello = hello;
  }

  /**
   * @param {object} o
   * @param {string} o.authToken application token
   * @param {string} [o.rotationKey] pre-shared rotation key ('' when none)
   * @param {string} [o.clientName] HELLO.client
   * @param {{session: string, lastSeq: number, resumeKey: Uint8Array}} [o.resume]
   * @param {CryptoKeyPair} [o.keyPair] fixed ECDH keys (tests); fresh ones otherwise
   * @param {Uint8Array} [o.nonce] fixed client nonce (tests); random otherwise
   */
  static async create({ authToken, rotationKey = '', clientName, resume, keyPair, nonce }) {
    if (typeof authToken !== 'string') throw new TypeError('authToken must be a string');
    const pair = keyPair ?? await generateEcdhKeyPair();
    const publicKey = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', pair.publicKey));
    const clientNonce = nonce ?? randomBytes(NONCE_BYTES);
    const body = { v: PROTOCOL_VERSION, auth: authToken, nonce: base64UrlEncode(clientNonce), ecdh: base64UrlEncode(publicKey) };
    if (resume) {
      body.resume = {
        session: resume.session,
        lastSeq: resume.lastSeq,
        proof: base64UrlEncode(await resumeProof(resume.resumeKey, clientNonce)),
      };
    }
    if (clientName !== undefined) body.client = clientName;
    const hello = encodeFrame({ type: FrameType.HELLO, flags: Flag.JSON, body: encodeJson(body) });
    return new ClientHandshake({
      keyPair: pair, publicKey, nonce: clientNonce, rotationKey, previousResumeKey: resume?.resumeKey ?? null, hello,
    });
  }

  /**
   * Verifies the WELCOME and derives the session keys.
   * @param {Uint8Array} bytes the first message from the server
   * @param {object} [o]
   * @param {number} [o.sentAt] local ms when HELLO left; [o.receivedAt] when WELCOME arrived
   * @param {{check(identity: Uint8Array): Promise<void>}} [o.pin] pinned identity: WELCOME must be signed by it
   * @returns {Promise<HandshakeResult>}
   */
  async acceptWelcome(bytes, { sentAt, receivedAt, pin } = {}) {
    const frame = decodeFrame(bytes);
    if (frame.type !== FrameType.WELCOME) throw protocolViolation('the first frame from the server must be WELCOME');
    if (frame.flags !== Flag.JSON || frame.channel !== 0 || frame.seq !== 0 || frame.epoch !== 0) {
      throw protocolViolation('WELCOME header fields are wrong');
    }
    const welcome = parseWelcome(decodeJsonObject(frame.body));
    const serverKey = await importEcdhPublicKey(welcome.ecdh);
    const sharedSecret = await ecdhSharedSecret(this.#keyPair.privateKey, serverKey);
    const secrets = await deriveSessionSecrets({
      sharedSecret,
      rotationKey: this.#rotationKey,
      previousResumeKey: welcome.resumed ? this.#previousResumeKey : null,
      clientNonce: this.clientNonce,
      serverNonce: welcome.nonce,
    });
    wipe(sharedSecret);
    wipe(secrets.prk);
    const step = await ratchetStep(Uint8Array.from(secrets.s2c0));
    wipe(step.next);
    await openFrame({ direction: Direction.S2C, keys: await importEpochKeys(0, step.mac, step.enc), frame });

    let fingerprint = null;
    if (welcome.identity) fingerprint = bytesToHex(await identityFingerprint(welcome.identity));
    if (pin && !(welcome.identity && welcome.sig)) {
      throw new RWTEncryptionError('server identity is pinned but WELCOME is not signed', { code: 'IDENTITY_REQUIRED', operation: 'handshake' });
    }
    if (welcome.sig) {
      if (!welcome.identity) throw protocolViolation('WELCOME.sig without WELCOME.identity');
      await verifyIdentitySignature(welcome.identity, welcome.sig,
        handshakeTranscript(this.clientNonce, welcome.nonce, this.clientEcdh, welcome.ecdh));
    }
    if (pin) await pin.check(welcome.identity);

    const localNow = receivedAt ?? Date.now();
    const midpoint = sentAt == null ? localNow : (sentAt + localNow) / 2;
    return {
      sessionId: welcome.session,
      resumed: welcome.resumed,
      lastSeq: welcome.lastSeq,
      serverTime: welcome.time,
      clockOffsetMs: Math.round(welcome.time - midpoint),
      rotation: welcome.rotation,
      heartbeatMs: welcome.heartbeatMs,
      maxFrameBytes: welcome.maxFrameBytes,
      resumeTtlMs: welcome.resumeTtlMs,
      authExp: welcome.authExp,
      identity: welcome.identity,
      identitySigned: welcome.sig != null,
      fingerprint,
      c2s0: secrets.c2s0,
      s2c0: secrets.s2c0,
      resumeKey: secrets.resume,
    };
  }

  toString() {
    return 'ClientHandshake';
  }
}

/**
 * @typedef {object} HandshakeResult
 * @property {string} sessionId
 * @property {boolean} resumed
 * @property {number} lastSeq highest client seq the server holds
 * @property {number} clockOffsetMs add to the local clock to get server time
 * @property {{pattern: string, intervalMs: number, start: number}} rotation
 * @property {Uint8Array} c2s0 @property {Uint8Array} s2c0 @property {Uint8Array} resumeKey
 */
