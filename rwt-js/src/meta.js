// META (PROTOCOL.md section 2): u16 length L || L bytes of UTF-8 JSON || payload.

import { concatBytes } from './bytes.js';
import { protocolViolation } from './errors.js';
import { decodeJsonObject, encodeJson } from './json.js';

const LENGTH_BYTES = 2;
const MAX_META_BYTES = 0xffff;

export function encodeMeta(meta, payload) {
  const json = encodeJson(meta);
  if (json.length > MAX_META_BYTES) throw new RangeError('META is longer than 65535 bytes');
  const prefix = new Uint8Array(LENGTH_BYTES);
  new DataView(prefix.buffer).setUint16(0, json.length);
  return concatBytes(prefix, json, payload);
}

/** Splits a META body; a length past the end or non-object JSON is malformed (4000). */
export function decodeMeta(body) {
  if (body.length < LENGTH_BYTES) throw protocolViolation('META length missing');
  const length = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint16(0);
  if (LENGTH_BYTES + length > body.length) throw protocolViolation('META length past the end of the body');
  return {
    meta: decodeJsonObject(body.subarray(LENGTH_BYTES, LENGTH_BYTES + length)),
    payload: body.subarray(LENGTH_BYTES + length),
  };
}
