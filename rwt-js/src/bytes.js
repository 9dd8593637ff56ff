// Byte helpers shared by the protocol modules. Everything works on Uint8Array.

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export const EMPTY_BYTES = new Uint8Array(0);

/** UTF-8 bytes of a string. */
export function utf8Encode(text) {
  return encoder.encode(text);
}

/** Decodes UTF-8; throws a TypeError on invalid sequences. */
export function utf8Decode(bytes) {
  return strictDecoder.decode(bytes);
}

/** A Uint8Array view of an ArrayBuffer, a typed array or a DataView. */
export function toBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('expected bytes (Uint8Array, ArrayBuffer or a typed array)');
}

export function concatBytes(...parts) {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function hexToBytes(hex) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) {
    throw new TypeError('invalid hex string');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export function bytesToHex(bytes) {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** 8 big-endian bytes of a non-negative safe integer. */
export function u64Bytes(value) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

/** Reads a big-endian u64 as a Number, or returns -1 when it exceeds 2^53 - 1. */
export function readU64(bytes, offset) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const value = view.getBigUint64(offset);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(value);
}

/** Compares two byte arrays without an early exit on the first difference. */
export function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Overwrites a secret buffer with zeros. */
export function wipe(bytes) {
  if (bytes) bytes.fill(0);
}

export function randomBytes(length) {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
