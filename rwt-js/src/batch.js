// BATCH (PROTOCOL.md section 2.1): an unsealed envelope (type 0x0F, all header fields and
// the token zero) whose body is entries `u32 length || sealed frame`.

import { concatBytes } from './bytes.js';
import { protocolViolation } from './errors.js';
import { encodeFrame } from './frame.js';
import { BATCH_LENGTH_BYTES, FRAME_OVERHEAD, FrameType, Offset } from './wire.js';

const FORBIDDEN_ENTRY_TYPES = new Set([FrameType.BATCH, FrameType.HELLO, FrameType.WELCOME]);

/** Wraps already sealed frames into one BATCH message. */
export function packBatch(frames) {
  if (frames.length === 0) throw new RangeError('a batch needs at least one frame');
  const parts = [];
  for (const frame of frames) {
    const length = new Uint8Array(BATCH_LENGTH_BYTES);
    new DataView(length.buffer).setUint32(0, frame.length);
    parts.push(length, frame);
  }
  return encodeFrame({ type: FrameType.BATCH, body: concatBytes(...parts) });
}

/**
 * Groups sealed frames, in order, into WebSocket messages of at most maxMessageBytes:
 * a lone frame goes out as itself, consecutive frames share a BATCH.
 */
export function planMessages(frames, maxMessageBytes) {
  const messages = [];
  let group = [];
  let groupBytes = FRAME_OVERHEAD;
  const flush = () => {
    if (group.length === 1) messages.push(group[0]);
    else if (group.length > 1) messages.push(packBatch(group));
    group = [];
    groupBytes = FRAME_OVERHEAD;
  };
  for (const frame of frames) {
    const cost = BATCH_LENGTH_BYTES + frame.length;
    if (group.length > 0 && groupBytes + cost > maxMessageBytes) flush();
    group.push(frame);
    groupBytes += cost;
  }
  flush();
  return messages;
}

/**
 * Splits a decoded BATCH envelope into its entries. The whole envelope is checked
 * before any entry is handled: non-zero envelope fields, an empty body, lengths that do
 * not add up, or a nested BATCH/HELLO/WELCOME close with 4000.
 */
export function unpackBatch(envelope) {
  if (envelope.flags !== 0 || envelope.channel !== 0 || envelope.seq !== 0 || envelope.epoch !== 0
      || envelope.token.some((b) => b !== 0)) {
    throw protocolViolation('BATCH envelope fields must be zero');
  }
  const body = envelope.body;
  if (body.length === 0) throw protocolViolation('empty BATCH');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const entries = [];
  let offset = 0;
  while (offset < body.length) {
    if (offset + BATCH_LENGTH_BYTES > body.length) throw protocolViolation('BATCH entry length truncated');
    const length = view.getUint32(offset);
    offset += BATCH_LENGTH_BYTES;
    if (length > body.length - offset) throw protocolViolation('BATCH entry length past the end');
    const entry = body.subarray(offset, offset + length);
    if (entry.length > Offset.TYPE && FORBIDDEN_ENTRY_TYPES.has(entry[Offset.TYPE])) {
      throw protocolViolation('BATCH entry must not be a BATCH, HELLO or WELCOME');
    }
    entries.push(entry);
    offset += length;
  }
  return entries;
}
