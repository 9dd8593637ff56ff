// RPC calls in flight (CALL/RESULT, PROTOCOL.md section 3): u32 ids, many at once.

import { RWTError, RWTTimeoutError } from './errors.js';
import { MAX_CALL_ID } from './wire.js';

export class CallRegistry {
  #nextId = 1;
  #pending = new Map(); // id -> {resolve, reject, timer, method}

  get size() {
    return this.#pending.size;
  }

  /** Reserves an id and returns the promise the RESULT will settle. */
  start(method, timeoutMs) {
    let id = this.#nextId;
    while (this.#pending.has(id)) id = id >= MAX_CALL_ID ? 1 : id + 1;
    this.#nextId = id >= MAX_CALL_ID ? 1 : id + 1;
    let entry;
    const promise = new Promise((resolve, reject) => {
      entry = { resolve, reject, method, timer: null };
    });
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      entry.timer = setTimeout(() => this.fail(id, new RWTTimeoutError(`call ${method} timed out after ${timeoutMs} ms`,
        { operation: 'call', details: { method, id } })), timeoutMs);
    }
    this.#pending.set(id, entry);
    return { id, promise };
  }

  /** Settles a call from a RESULT body; returns false for an unknown id. */
  settle(result) {
    const entry = this.#take(result?.id);
    if (!entry) return false;
    if (result.error) {
      const { code = 'INTERNAL', message = 'call failed', retryAfterMs } = result.error;
      entry.reject(new RWTError(message, { code, operation: 'call', retryAfterMs, details: { method: entry.method, id: result.id } }));
    } else {
      entry.resolve(result.result);
    }
    return true;
  }

  fail(id, error) {
    this.#take(id)?.reject(error);
  }

  failAll(error) {
    for (const id of [...this.#pending.keys()]) this.fail(id, error);
  }

  #take(id) {
    const entry = this.#pending.get(id);
    if (!entry) return null;
    this.#pending.delete(id);
    if (entry.timer !== null) clearTimeout(entry.timer);
    return entry;
  }
}
