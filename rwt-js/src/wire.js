// RWT/1 wire constants and the frame codec (PROTOCOL.md sections 2 and 3).
//
//   offset size  field
//   0      1     version   = 0x01
//   1      1     type      (FrameType)
//   2      1     flags     bit0 ENC, bit1 DEFLATE, bit2 JSON, bit3 META; other bits 0
//   3      2     channel   0 = the connection itself, 1..65535 = a subscription id
//   5      8     seq       per-direction sequence number
//   13     4     epoch     rotation epoch the frame was sealed in
//   17     16    token     authentication tag (HMAC prefix or AES-GCM tag)
//   33     n     body
//
// "header" is bytes 0..16 (the token excluded); it is what the token authenticates.

export const PROTOCOL_VERSION = 0x01;
export const SUBPROTOCOL = 'rwt.v1';

export const Offset = Object.freeze({
  VERSION: 0, TYPE: 1, FLAGS: 2, CHANNEL: 3, SEQ: 5, EPOCH: 13, TOKEN: 17, BODY: 33,
});
export const HEADER_BYTES = Offset.TOKEN; // 17
export const TOKEN_BYTES = 16;
export const FRAME_OVERHEAD = Offset.BODY; // 33
export const BATCH_LENGTH_BYTES = 4;

export const NONCE_BYTES = 32;
export const KEY_BYTES = 32;
export const EC_POINT_BYTES = 65;
export const SIGNATURE_BYTES = 64;
export const MAX_CHANNEL_ID = 0xffff;
export const MAX_EPOCH = 0xffffffff;
export const MAX_CALL_ID = 0xffffffff;

export const FrameType = Object.freeze({
  HELLO: 0x01,
  WELCOME: 0x02,
  SUBSCRIBE: 0x03,
  SUBSCRIBED: 0x04,
  UNSUBSCRIBE: 0x05,
  UNSUBSCRIBED: 0x06,
  REFRESH: 0x07,
  REFRESHED: 0x08,
  BATCH: 0x0f,
  MESSAGE: 0x10,
  ACK: 0x11,
  CALL: 0x20,
  RESULT: 0x21,
  PING: 0x30,
  PONG: 0x31,
  ERROR: 0x3f,
});

export const FRAME_TYPE_NAMES = Object.freeze(
  Object.fromEntries(Object.entries(FrameType).map(([name, value]) => [value, name])),
);

export const Flag = Object.freeze({ ENC: 0x01, DEFLATE: 0x02, JSON: 0x04, META: 0x08 });
export const KNOWN_FLAGS = Flag.ENC | Flag.DEFLATE | Flag.JSON | Flag.META;

/** Per-direction constants: the byte that starts an AES-GCM nonce. */
export const Direction = Object.freeze({ C2S: 'c2s', S2C: 's2c' });
export const DIRECTION_BYTE = Object.freeze({ c2s: 0x01, s2c: 0x02 });

/** Types each side may send after the handshake (section 3, column "dir"). */
export const TYPES_SENT_BY = Object.freeze({
  c2s: new Set([
    FrameType.SUBSCRIBE, FrameType.UNSUBSCRIBE, FrameType.REFRESH, FrameType.MESSAGE, FrameType.ACK,
    FrameType.CALL, FrameType.PING, FrameType.PONG,
  ]),
  s2c: new Set([
    FrameType.SUBSCRIBED, FrameType.UNSUBSCRIBED, FrameType.REFRESHED, FrameType.MESSAGE, FrameType.ACK,
    FrameType.RESULT, FrameType.PING, FrameType.PONG, FrameType.ERROR,
  ]),
});

/** Frames kept by the sender until ACKed (section 6); the rest may leave gaps in seq. */
export const RELIABLE_TYPES = new Set([
  FrameType.SUBSCRIBE, FrameType.SUBSCRIBED, FrameType.UNSUBSCRIBE, FrameType.UNSUBSCRIBED,
  FrameType.REFRESH, FrameType.REFRESHED, FrameType.MESSAGE, FrameType.CALL, FrameType.RESULT,
]);

/** Types whose body is JSON whatever the flags say. */
export const JSON_BODY_TYPES = new Set([
  FrameType.HELLO, FrameType.WELCOME, FrameType.SUBSCRIBE, FrameType.SUBSCRIBED, FrameType.UNSUBSCRIBED,
  FrameType.REFRESH, FrameType.REFRESHED, FrameType.CALL, FrameType.RESULT, FrameType.ERROR,
]);

/** Types whose body is exactly one u64 (ACK, PING, PONG). */
export const U64_BODY_TYPES = new Set([FrameType.ACK, FrameType.PING, FrameType.PONG]);

export const CloseCode = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  ABNORMAL: 1006,
  PROTOCOL: 4000,
  UNAUTHENTICATED: 4001,
  HEARTBEAT: 4002,
  FORBIDDEN: 4003,
  RESUME_FAILED: 4004,
  SLOW_CONSUMER: 4008,
  TOO_LARGE: 4009,
  BAD_TOKEN: 4010,
  REPLAY: 4011,
});

export const CLOSE_CODE_NAMES = Object.freeze({
  1001: 'GOING_AWAY',
  4000: 'PROTOCOL',
  4001: 'UNAUTHENTICATED',
  4002: 'HEARTBEAT',
  4003: 'FORBIDDEN',
  4004: 'RESUME_FAILED',
  4008: 'SLOW_CONSUMER',
  4009: 'TOO_LARGE',
  4010: 'BAD_TOKEN',
  4011: 'REPLAY',
});

/** Close codes by which the server ends the session at once (section 9). */
export function isViolationClose(code) {
  return code >= CloseCode.PROTOCOL && code <= CloseCode.REPLAY;
}

export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

export const ACK_EVERY_FRAMES = 32;
export const ACK_EVERY_MS = 250;

export const ZERO_TOKEN = new Uint8Array(TOKEN_BYTES);
