// JSON bodies. Keys are written in insertion order (JSON.stringify does so for
// non-numeric keys, which is all RWT uses), so HELLO comes out as
// v, auth, nonce, ecdh, [resume], [client]. Properties whose value is undefined are left out.

import { utf8Decode, utf8Encode } from './bytes.js';
import { protocolViolation } from './errors.js';

export function encodeJson(value) {
  return utf8Encode(JSON.stringify(value));
}

/** Parses a UTF-8 JSON body; invalid UTF-8 or JSON is a malformed frame (4000). */
export function decodeJson(bytes) {
  let text;
  try {
    text = utf8Decode(bytes);
    return JSON.parse(text);
  } catch {
    throw protocolViolation('body is not valid UTF-8 JSON');
  }
}

/** Like decodeJson, but the value must be a JSON object. */
export function decodeJsonObject(bytes) {
  const value = decodeJson(bytes);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw protocolViolation('body is not a JSON object');
  }
  return value;
}
