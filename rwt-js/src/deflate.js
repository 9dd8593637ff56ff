// Raw DEFLATE (RFC 1951) through CompressionStream / DecompressionStream('deflate-raw').
// Inflation streams and stops as soon as the output passes the limit, so a deflate bomb
// costs at most one chunk past the limit, never the whole expansion.

import { concatBytes } from './bytes.js';
import { protocolViolation, tooLarge } from './errors.js';

const FORMAT = 'deflate-raw';

export async function deflateRaw(bytes) {
  const stream = new CompressionStream(FORMAT);
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const chunks = [];
  const reader = stream.readable.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return concatBytes(...chunks);
}

/**
 * Inflates at most `limit` bytes. More output closes with TOO_LARGE (4009); data that is
 * not valid raw DEFLATE closes with PROTOCOL (4000).
 */
export async function inflateRaw(bytes, limit) {
  const stream = new DecompressionStream(FORMAT);
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    let result;
    try {
      result = await reader.read();
    } catch {
      throw protocolViolation('body is not valid raw DEFLATE');
    }
    if (result.done) break;
    total += result.value.length;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw tooLarge(`inflated body exceeds ${limit} bytes`);
    }
    chunks.push(result.value);
  }
  return concatBytes(...chunks);
}
