// Natural batching of one connection's outgoing frames (PROTOCOL.md section 2.1).
//
// A browser WebSocket says nothing when a send completes, so "a send in flight" is read as:
// other frames handed to send() and still being sealed, or bytes the socket has not written
// yet (bufferedAmount). A frame sealed when none of that is true leaves at once, alone.
// Otherwise it waits here, and the waiting frames leave as BATCH messages as soon as the
// frames handed to send() before them are sealed (one macrotask later when the socket is still
// busy). A frame never waits for frames that were not yet handed to send(): latency at low
// load is unchanged. The outbox also leaves as soon as it holds a full batch, so that a long
// burst is written while the rest is sealed, and at the latest when its frames' epoch ends
// (or before a frame of the next epoch would join it), so that no token expires in here.

import { planMessages } from './batch.js';
import { BATCH_LENGTH_BYTES, FRAME_OVERHEAD } from './wire.js';

export class Outbox {
  #transmit;
  #busy;
  #limitBytes;
  #msLeftInEpoch;
  #enabled;
  #waiting = []; // sealed frames, in seq order: {bytes, resolve, reject}
  #bytes = FRAME_OVERHEAD; // what they weigh as one BATCH
  #epoch = 0; // the epoch they were sealed in
  #requested = 0; // frames handed to send()
  #sealed = 0; // of those, sealed or failed
  #flushAt = 0; // the waiting frames leave once #sealed reaches this
  #turnTimer = null;
  #deadlineTimer = null;
  #dropped = false;

  /**
   * @param {object} o
   * @param {(bytes: Uint8Array) => void} o.transmit hands one WebSocket message to the socket; throws when closed
   * @param {() => boolean} o.busy true while the socket still has an earlier send to write
   * @param {() => number} o.limitBytes the most one WebSocket message may carry
   * @param {(epoch: number) => number} o.msLeftInEpoch ms until `epoch` ends (0 when it has)
   * @param {boolean} [o.enabled] false: every frame leaves alone, as it is sealed
   */
  constructor({ transmit, busy, limitBytes, msLeftInEpoch, enabled = true }) {
    this.#transmit = transmit;
    this.#busy = busy;
    this.#limitBytes = limitBytes;
    this.#msLeftInEpoch = msLeftInEpoch;
    this.#enabled = enabled;
  }

  /** A frame was handed to send(); call before sealing it. */
  requested() {
    this.#requested += 1;
  }

  /** The frame's seal failed: nothing will come of it. */
  sealFailed() {
    this.#sealed += 1;
    this.#schedule();
  }

  /**
   * The frame was sealed: sends it now, alone, or with what piles up. Resolves once its bytes
   * are on the socket; rejects (NOT_CONNECTED) when the socket is gone first.
   */
  post(bytes, epoch) {
    this.#sealed += 1;
    const waiting = this.#waiting.length > 0 || this.#sealed < this.#requested || this.#busy();
    if (!this.#enabled || !waiting || this.#dropped) {
      this.#transmit(bytes);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const cost = BATCH_LENGTH_BYTES + bytes.length;
      if (this.#waiting.length > 0 && (this.#bytes + cost > this.#limitBytes() || epoch !== this.#epoch)) this.flush();
      if (this.#waiting.length === 0) {
        this.#flushAt = this.#requested;
        this.#epoch = epoch;
        this.#deadlineTimer = setTimeout(() => this.flush(), this.#msLeftInEpoch(epoch));
      }
      this.#waiting.push({ bytes, resolve, reject });
      this.#bytes += cost;
      this.#schedule();
    });
  }

  /** Sends every waiting frame now, as few messages as the size limit allows. */
  flush() {
    this.#clearTimers();
    const entries = this.#waiting.splice(0);
    this.#bytes = FRAME_OVERHEAD;
    if (entries.length === 0) return;
    try {
      for (const message of planMessages(entries.map((e) => e.bytes), this.#limitBytes())) this.#transmit(message);
    } catch (error) {
      for (const e of entries) e.reject(error);
      return;
    }
    for (const e of entries) e.resolve();
  }

  /** The socket is gone: every waiting frame's send rejects with `error`; later ones go to transmit. */
  drop(error) {
    this.#dropped = true;
    this.#clearTimers();
    this.#bytes = FRAME_OVERHEAD;
    for (const e of this.#waiting.splice(0)) e.reject(error);
  }

  #schedule() {
    if (this.#waiting.length === 0) return;
    if (this.#bytes >= this.#limitBytes()) {
      this.flush(); // a full batch cannot grow
    } else if (this.#sealed < this.#flushAt) {
      // the last of the frames it waits for calls again
    } else if (!this.#busy()) {
      this.flush();
    } else if (this.#turnTimer === null) {
      this.#turnTimer = setTimeout(() => this.flush(), 0);
    }
  }

  #clearTimers() {
    clearTimeout(this.#turnTimer);
    clearTimeout(this.#deadlineTimer);
    this.#turnTimer = null;
    this.#deadlineTimer = null;
  }
}
