// One connection's sealed channel after the handshake: seals outgoing frames (META ->
// DEFLATE -> seal) and opens incoming ones (BATCH -> verify -> seq -> type/body), in the
// verification order of PROTOCOL.md section 9. A frame that fails changes nothing.

import { EMPTY_BYTES, readU64 } from './bytes.js';
import { unpackBatch } from './batch.js';
import { RWTSendError, badToken, protocolViolation, replay, tooLarge } from './errors.js';
import { decodeFrame } from './frame.js';
import { deflateRaw, inflateRaw } from './deflate.js';
import { decodeJson } from './json.js';
import { KeyChain } from './key-schedule.js';
import { decodeMeta, encodeMeta } from './meta.js';
import { openFrame, sealFrame } from './sealing.js';
import { SerialQueue } from './serial-queue.js';
import {
  Direction, FRAME_OVERHEAD, FRAME_TYPE_NAMES, Flag, FrameType, JSON_BODY_TYPES, RELIABLE_TYPES, TYPES_SENT_BY,
  U64_BODY_TYPES,
} from './wire.js';

const U64_BODY_BYTES = 8;

export class SecureSession {
  #sendDir;
  #recvDir;
  #sendChain;
  #recvChain;
  #schedule;
  #now;
  #maxFrameBytes;
  #nextSeq;
  #lastRecvSeq;
  #lastSendEpoch = 0;
  #sendQueue = new SerialQueue();
  #recvQueue = new SerialQueue();

  /**
   * @param {object} o
   * @param {'client'|'server'} o.role which direction this side sends
   * @param {Uint8Array} o.c2s0 @param {Uint8Array} o.s2c0 epoch-0 chain keys
   * @param {import('./rotation.js').RotationSchedule} o.schedule shared epoch schedule
   * @param {() => number} o.now unix ms on the shared clock (the client adds its WELCOME offset)
   * @param {number} o.maxFrameBytes body and inflate limit
   * @param {number} [o.nextSeq] seq of the next new frame (continues across a resume)
   * @param {number} [o.lastRecvSeq] seq below which incoming frames are replays
   */
  constructor({ role, c2s0, s2c0, schedule, now, maxFrameBytes, nextSeq = 1, lastRecvSeq = 0 }) {
    const client = role === 'client';
    this.#sendDir = client ? Direction.C2S : Direction.S2C;
    this.#recvDir = client ? Direction.S2C : Direction.C2S;
    this.#sendChain = new KeyChain(client ? c2s0 : s2c0);
    this.#recvChain = new KeyChain(client ? s2c0 : c2s0);
    this.#schedule = schedule;
    this.#now = now;
    this.#maxFrameBytes = maxFrameBytes;
    this.#nextSeq = nextSeq;
    this.#lastRecvSeq = lastRecvSeq;
  }

  get nextSeq() {
    return this.#nextSeq;
  }

  get lastRecvSeq() {
    return this.#lastRecvSeq;
  }

  get maxFrameBytes() {
    return this.#maxFrameBytes;
  }

  /** The epoch in force now on the shared schedule. */
  currentEpoch() {
    return this.#schedule.epochAt(this.#now());
  }

  /**
   * Seals a new frame with the next seq. Calls are sealed in call order.
   * @param {object} o
   * @param {number} o.type @param {number} [o.channel]
   * @param {Uint8Array} [o.payload] @param {boolean} [o.json] @param {object} [o.meta]
   * @param {boolean} [o.encrypt] @param {boolean} [o.compress]
   * @returns {Promise<{seq: number, epoch: number, bytes: Uint8Array, record: object, plainBytes: number}>}
   */
  seal({ type, channel = 0, payload = EMPTY_BYTES, json = false, meta = null, encrypt = false, compress = false }) {
    return this.#sendQueue.run(async () => {
      let flags = (json ? Flag.JSON : 0) | (meta ? Flag.META : 0) | (encrypt ? Flag.ENC : 0);
      const plain = meta ? encodeMeta(meta, payload) : payload;
      if (plain.length > this.#maxFrameBytes) {
        throw new RWTSendError(`message of ${plain.length} bytes exceeds maxFrameBytes ${this.#maxFrameBytes}`, { code: 'TOO_LARGE', operation: 'send' });
      }
      let body = plain;
      if (compress) {
        body = await deflateRaw(plain);
        flags |= Flag.DEFLATE;
      }
      const record = { type, flags, channel, seq: this.#nextSeq, body };
      this.#nextSeq += 1;
      const sealed = await this.#sealRecord(record);
      return { ...sealed, record, plainBytes: plain.length };
    });
  }

  /** Re-seals a kept frame under the current epoch with its original seq (resume, section 6). */
  reseal(record) {
    return this.#sendQueue.run(async () => {
      if (record.seq >= this.#nextSeq) this.#nextSeq = record.seq + 1;
      return (await this.#sealRecord(record)).bytes;
    });
  }

  async #sealRecord(record) {
    const epoch = Math.max(this.#lastSendEpoch, this.currentEpoch());
    await this.#sendChain.eraseBelow(epoch);
    this.#lastSendEpoch = epoch;
    const keys = await this.#sendChain.keysFor(epoch);
    const bytes = await sealFrame({ direction: this.#sendDir, keys, epoch, ...record });
    return { seq: record.seq, epoch, bytes };
  }

  /**
   * Opens one WebSocket message: a frame or a BATCH of frames. Entries before a failing
   * one stay accepted (each counts as if it had arrived alone); the failing one has no effect.
   * The epoch window is the one at `receivedAt` (unix ms on the shared clock, default now),
   * for every entry: a batch whose entries take long to open, or a message that waited
   * behind others, is judged as of its arrival, when its tokens were checked by nobody yet.
   * @returns {Promise<{frames: OpenedFrame[], error: import('./errors.js').RWTProtocolError | null}>}
   */
  open(message, receivedAt = undefined) {
    return this.#recvQueue.run(async () => {
      const frames = [];
      try {
        if (message.length > this.#maxFrameBytes + FRAME_OVERHEAD) throw tooLarge('message exceeds maxFrameBytes');
        const frame = decodeFrame(message);
        const entries = frame.type === FrameType.BATCH ? unpackBatch(frame) : [frame];
        const r = this.#schedule.epochAt(receivedAt ?? this.#now());
        for (const entry of entries) {
          frames.push(await this.#openOne(entry === frame ? frame : decodeFrame(entry), r));
        }
        return { frames, error: null };
      } catch (error) {
        if (error?.closeCode == null) throw error;
        return { frames, error };
      }
    });
  }

  async #openOne(frame, r) {
    await this.#recvChain.eraseBelow(Math.max(0, r - 1));
    if (frame.epoch < r - 1) throw badToken(`token of epoch ${frame.epoch} expired (receiver at ${r})`);
    if (frame.epoch > r + 1) throw badToken(`token of epoch ${frame.epoch} is ahead of the receiver (${r})`);
    const keys = await this.#recvChain.keysFor(frame.epoch);
    const plain = await openFrame({ direction: this.#recvDir, keys, frame });
    if (frame.seq <= this.#lastRecvSeq) throw replay(`seq ${frame.seq} is not above ${this.#lastRecvSeq}`);
    const opened = await this.#decodeBody(frame, plain);
    this.#lastRecvSeq = frame.seq;
    return opened;
  }

  async #decodeBody(frame, plain) {
    if (!TYPES_SENT_BY[this.#recvDir].has(frame.type)) {
      throw protocolViolation(`frame type 0x${frame.type.toString(16)} is not allowed in this direction`);
    }
    let body = plain;
    if (frame.flags & Flag.DEFLATE) body = await inflateRaw(plain, this.#maxFrameBytes);
    let meta = null;
    let payload = body;
    if (frame.flags & Flag.META) ({ meta, payload } = decodeMeta(body));
    const opened = {
      type: frame.type,
      typeName: FRAME_TYPE_NAMES[frame.type],
      flags: frame.flags,
      channel: frame.channel,
      seq: frame.seq,
      epoch: frame.epoch,
      reliable: RELIABLE_TYPES.has(frame.type),
      encrypted: (frame.flags & Flag.ENC) !== 0,
      compressed: (frame.flags & Flag.DEFLATE) !== 0,
      wireBytes: frame.bytes.length,
      plainBytes: body.length,
      meta,
      payload,
      json: undefined,
      value: undefined,
    };
    if (U64_BODY_TYPES.has(frame.type)) {
      if (payload.length !== U64_BODY_BYTES) throw protocolViolation(`${opened.typeName} body must be 8 bytes`);
      opened.value = readU64(payload, 0);
    } else if (frame.type === FrameType.UNSUBSCRIBED && payload.length === 0) {
      opened.json = {};
    } else if (JSON_BODY_TYPES.has(frame.type) || (frame.flags & Flag.JSON)) {
      opened.json = decodeJson(payload);
    }
    return opened;
  }

  /** Erases both chains; the session cannot seal or open afterwards. */
  destroy() {
    this.#sendChain.destroy();
    this.#recvChain.destroy();
  }

  toString() {
    return `SecureSession(${this.#sendDir}, nextSeq=${this.#nextSeq}, lastRecvSeq=${this.#lastRecvSeq})`;
  }
}

/**
 * @typedef {object} OpenedFrame
 * @property {number} type @property {string} typeName @property {number} flags
 * @property {number} channel @property {number} seq @property {number} epoch
 * @property {boolean} reliable @property {boolean} encrypted @property {boolean} compressed
 * @property {object|null} meta @property {Uint8Array} payload
 * @property {any} json parsed body for JSON frames
 * @property {number} value the u64 of ACK, PING and PONG
 */
