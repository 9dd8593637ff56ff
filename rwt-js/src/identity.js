// Server identity (PROTOCOL.md section 4): WELCOME.sig is ECDSA P-256 / SHA-256 in IEEE
// P1363 form (r || s) over clientNonce || serverNonce || clientEcdh || serverEcdh.
// Verification throws; there is no boolean to forget to check.

import { base64UrlDecode } from './base64url.js';
import { bytesToHex, concatBytes, constantTimeEqual, hexToBytes, toBytes } from './bytes.js';
import { RWTEncryptionError } from './errors.js';
import { sha256 } from './hkdf.js';
import { EC_POINT_BYTES, SIGNATURE_BYTES } from './wire.js';

const FINGERPRINT_BYTES = 32;

export function handshakeTranscript(clientNonce, serverNonce, clientEcdh, serverEcdh) {
  return concatBytes(clientNonce, serverNonce, clientEcdh, serverEcdh);
}

/** SHA-256 of the 65-byte uncompressed identity key. */
export function identityFingerprint(identity) {
  return sha256(identity);
}

/** Throws RWTEncryptionError (BAD_SIGNATURE) unless sig is a valid signature of transcript. */
export async function verifyIdentitySignature(identity, sig, transcript) {
  if (identity.length !== EC_POINT_BYTES || sig.length !== SIGNATURE_BYTES) {
    throw new RWTEncryptionError('server identity or signature has the wrong length', { code: 'BAD_SIGNATURE', operation: 'handshake' });
  }
  let valid = false;
  try {
    const key = await globalThis.crypto.subtle.importKey(
      'raw', identity, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'],
    );
    valid = await globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, transcript);
  } catch (cause) {
    throw new RWTEncryptionError('server identity is not a valid P-256 key', { code: 'BAD_SIGNATURE', operation: 'handshake', cause });
  }
  if (!valid) {
    throw new RWTEncryptionError('WELCOME signature does not verify', { code: 'BAD_SIGNATURE', operation: 'handshake' });
  }
}

function decodeKeyMaterial(value, expectedLength, what) {
  let bytes;
  if (typeof value === 'string') {
    const cleaned = value.replace(/^sha256:/i, '').replace(/:/g, '');
    bytes = /^[0-9a-fA-F]+$/.test(cleaned) && cleaned.length === expectedLength * 2
      ? hexToBytes(cleaned) : base64UrlDecode(cleaned.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
  } else {
    bytes = toBytes(value);
  }
  if (bytes.length !== expectedLength) throw new TypeError(`${what} must be ${expectedLength} bytes`);
  return bytes;
}

/**
 * A pinned server identity: the 65-byte key or its SHA-256 fingerprint, each as bytes,
 * hex (colons allowed) or base64url.
 */
export class IdentityPin {
  #identity;
  #fingerprint;

  constructor({ identity, fingerprint } = {}) {
    if (identity == null && fingerprint == null) throw new TypeError('pin an identity or a fingerprint');
    this.#identity = identity == null ? null : decodeKeyMaterial(identity, EC_POINT_BYTES, 'identity');
    this.#fingerprint = fingerprint == null ? null : decodeKeyMaterial(fingerprint, FINGERPRINT_BYTES, 'fingerprint');
  }

  /** Throws RWTEncryptionError (IDENTITY_MISMATCH) unless `identity` matches the pin. */
  async check(identity) {
    if (this.#identity && !constantTimeEqual(this.#identity, identity)) {
      throw new RWTEncryptionError('server identity does not match the pinned key', { code: 'IDENTITY_MISMATCH', operation: 'handshake' });
    }
    if (this.#fingerprint && !constantTimeEqual(this.#fingerprint, await identityFingerprint(identity))) {
      throw new RWTEncryptionError('server identity does not match the pinned fingerprint', { code: 'IDENTITY_MISMATCH', operation: 'handshake' });
    }
  }

  toString() {
    return `IdentityPin(${this.#fingerprint ? bytesToHex(this.#fingerprint).slice(0, 16) : 'key'}…)`;
  }
}
