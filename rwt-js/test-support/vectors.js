// Loads the shared RWT/1 vectors at test time (never copied into this module).
// Location: $RWT_SHARED_DIR/protocol/test-vectors.json, else the `shared` directory beside
// the repository (rwt-js/test/../../../shared, i.e. two levels above this module).

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base64UrlEncode } from '../src/base64url.js';
import { hexToBytes } from '../src/bytes.js';

const moduleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function sharedDir() {
  return process.env.RWT_SHARED_DIR
    ? resolve(process.env.RWT_SHARED_DIR)
    : resolve(moduleDir, '..', '..', 'shared');
}

export const vectors = JSON.parse(readFileSync(join(sharedDir(), 'protocol', 'test-vectors.json'), 'utf8'));

export const hex = hexToBytes;

/** A fixed P-256 key pair from a private scalar and its public point (hex). */
export async function fixedKeyPair(privateHex, publicHex, algorithm = 'ECDH') {
  const point = hexToBytes(publicHex);
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: base64UrlEncode(hexToBytes(privateHex)),
    x: base64UrlEncode(point.subarray(1, 33)),
    y: base64UrlEncode(point.subarray(33, 65)),
    ext: true,
  };
  const usages = algorithm === 'ECDH' ? ['deriveBits'] : ['sign'];
  const params = { name: algorithm, namedCurve: 'P-256' };
  const privateKey = await crypto.subtle.importKey('jwk', jwk, params, false, usages);
  const publicKey = await crypto.subtle.importKey('raw', point, params, true, algorithm === 'ECDH' ? [] : ['verify']);
  return { privateKey, publicKey };
}
