// The frame codec: bytes <-> frame fields (layout in wire.js). No keys here.

import { readU64 } from './bytes.js';
import { protocolViolation } from './errors.js';
import {
  FRAME_OVERHEAD, HEADER_BYTES, KNOWN_FLAGS, Offset, PROTOCOL_VERSION, ZERO_TOKEN,
} from './wire.js';

/** The 17-byte header that a token authenticates. */
export function encodeHeader({ type, flags = 0, channel = 0, seq = 0, epoch = 0 }) {
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint8(Offset.VERSION, PROTOCOL_VERSION);
  view.setUint8(Offset.TYPE, type);
  view.setUint8(Offset.FLAGS, flags);
  view.setUint16(Offset.CHANNEL, channel);
  view.setBigUint64(Offset.SEQ, BigInt(seq));
  view.setUint32(Offset.EPOCH, epoch);
  return header;
}

/** header || token || body. */
export function encodeFrame({ type, flags = 0, channel = 0, seq = 0, epoch = 0, token = ZERO_TOKEN, body }) {
  const bytes = new Uint8Array(FRAME_OVERHEAD + body.length);
  bytes.set(encodeHeader({ type, flags, channel, seq, epoch }), 0);
  bytes.set(token, Offset.TOKEN);
  bytes.set(body, Offset.BODY);
  return bytes;
}

/**
 * Parses the fixed layout. Structural problems (too short, wrong version, reserved flag
 * bits, a seq beyond 2^53-1) throw with close 4000; the type is checked later, after the
 * token, as section 9 orders.
 * @returns {{type:number, flags:number, channel:number, seq:number, epoch:number,
 *            header:Uint8Array, token:Uint8Array, body:Uint8Array, bytes:Uint8Array}}
 */
export function decodeFrame(bytes) {
  const violation = protocolViolation;
  if (bytes.length < FRAME_OVERHEAD) throw violation('frame shorter than its 33-byte header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(Offset.VERSION) !== PROTOCOL_VERSION) throw violation('unknown protocol version');
  const flags = view.getUint8(Offset.FLAGS);
  if ((flags & ~KNOWN_FLAGS) !== 0) throw violation('reserved flag bits set');
  const seq = readU64(bytes, Offset.SEQ);
  if (seq < 0) throw violation('seq out of range');
  return {
    type: view.getUint8(Offset.TYPE),
    flags,
    channel: view.getUint16(Offset.CHANNEL),
    seq,
    epoch: view.getUint32(Offset.EPOCH),
    header: bytes.subarray(0, HEADER_BYTES),
    token: bytes.subarray(Offset.TOKEN, Offset.BODY),
    body: bytes.subarray(Offset.BODY),
    bytes,
  };
}
