// Delivery state of one RWT session (PROTOCOL.md section 6), kept across connections:
// reliable frames we sent and the peer has not ACKed, our next seq, the highest seq we
// received (for ACKs, HELLO.resume.lastSeq and dropping duplicates after a resume).

import { RWTSendError } from './errors.js';
import { ACK_EVERY_FRAMES, ACK_EVERY_MS } from './wire.js';

export const DEFAULT_BUFFER_BYTES = 4 * 1024 * 1024;

export class DeliveryState {
  #kept = new Map(); // seq -> record {type, flags, channel, seq, body}
  #keptBytes = 0;
  #maxBytes;

  constructor({ maxBufferedBytes = DEFAULT_BUFFER_BYTES } = {}) {
    this.#maxBytes = maxBufferedBytes;
    /** seq of the next new frame we send. */
    this.nextSeq = 1;
    /** highest seq received from the peer in this session. */
    this.lastReceivedSeq = 0;
  }

  get keptCount() {
    return this.#kept.size;
  }

  get keptBytes() {
    return this.#keptBytes;
  }

  /** Throws RWTSendError (BUFFER_FULL) when `bytes` more would overflow the unacked buffer. */
  ensureRoom(bytes) {
    if (this.#keptBytes + bytes > this.#maxBytes) {
      throw new RWTSendError('too many unacknowledged bytes; wait for the server to catch up',
        { code: 'BUFFER_FULL', operation: 'send', details: { keptBytes: this.#keptBytes }, retryAfterMs: 250 });
    }
  }

  keep(record) {
    this.#kept.set(record.seq, record);
    this.#keptBytes += record.body.length;
  }

  /** The peer holds everything up to `seq`: forget those frames. */
  acknowledge(seq) {
    let dropped = 0;
    for (const [s, record] of this.#kept) {
      if (s > seq) break;
      this.#kept.delete(s);
      this.#keptBytes -= record.body.length;
      dropped += 1;
    }
    return dropped;
  }

  /** Kept frames above the peer's lastSeq, in seq order (to resend after a resume). */
  keptAbove(seq) {
    this.acknowledge(seq);
    return [...this.#kept.values()];
  }

  /** false for a frame whose seq we already have (a duplicate after a resume). */
  isNew(seq) {
    return seq > this.lastReceivedSeq;
  }

  received(seq) {
    if (seq > this.lastReceivedSeq) this.lastReceivedSeq = seq;
  }

  /** A fresh session (resumed: false): numbering restarts, kept frames are void. */
  reset() {
    const lost = this.#kept.size;
    this.#kept.clear();
    this.#keptBytes = 0;
    this.nextSeq = 1;
    this.lastReceivedSeq = 0;
    return lost;
  }
}

/**
 * Decides when to ACK: after `everyFrames` reliable frames or `everyMs` after the first
 * unacknowledged one, whichever comes first.
 */
export class AckScheduler {
  #send;
  #pending = 0;
  #highest = 0;
  #acked = 0;
  #timer = null;
  #everyFrames;
  #everyMs;

  constructor(send, { everyFrames = ACK_EVERY_FRAMES, everyMs = ACK_EVERY_MS } = {}) {
    this.#send = send;
    this.#everyFrames = everyFrames;
    this.#everyMs = everyMs;
  }

  /** Records an accepted frame; only reliable ones need an ACK. */
  received(seq, reliable) {
    if (seq > this.#highest) this.#highest = seq;
    if (!reliable) return;
    this.#pending += 1;
    if (this.#pending >= this.#everyFrames) this.flush();
    else if (this.#timer === null) this.#timer = setTimeout(() => this.flush(), this.#everyMs);
  }

  flush() {
    this.#clearTimer();
    this.#pending = 0;
    if (this.#highest > this.#acked) {
      this.#acked = this.#highest;
      this.#send(this.#highest);
    }
  }

  stop() {
    this.#clearTimer();
  }

  #clearTimer() {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
