// HMAC-SHA256 and HKDF (RFC 5869) on WebCrypto. Extract and Expand are separate because
// the key schedule needs prk itself; WebCrypto's HKDF only does both at once.

import { concatBytes, utf8Encode } from './bytes.js';

const HASH_BYTES = 32;

function subtle() {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available; use a secure context or Node 20+');
  return s;
}

/** Imports raw bytes as a non-extractable HMAC-SHA256 signing key. */
export function importHmacKey(raw) {
  return subtle().importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** HMAC-SHA256 with a CryptoKey from importHmacKey. */
export async function hmacWithKey(key, data) {
  return new Uint8Array(await subtle().sign('HMAC', key, data));
}

/** HMAC-SHA256(key, data) with a raw key. */
export async function hmacSha256(key, data) {
  return hmacWithKey(await importHmacKey(key), data);
}

export async function sha256(data) {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

export function hkdfExtract(salt, ikm) {
  return hmacSha256(salt, ikm);
}

export async function hkdfExpand(prk, info, length) {
  const infoBytes = typeof info === 'string' ? utf8Encode(info) : info;
  if (length > 255 * HASH_BYTES) throw new RangeError('HKDF output too long');
  const key = await importHmacKey(prk);
  const out = new Uint8Array(length);
  let block = new Uint8Array(0);
  for (let i = 1, offset = 0; offset < length; i++) {
    block = await hmacWithKey(key, concatBytes(block, infoBytes, Uint8Array.of(i)));
    out.set(block.subarray(0, Math.min(HASH_BYTES, length - offset)), offset);
    offset += HASH_BYTES;
  }
  block.fill(0);
  return out;
}
