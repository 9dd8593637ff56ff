// Rotation patterns (PROTOCOL.md section 7): the shared schedule of epochs.
//   epochAt(t): b = start, e = 0; while b + d(e) <= t: b += d(e), e += 1; return e.
// epochAt never walks the whole history: fixed is closed form, fibonacci skips whole
// cycles of 6, golden and custom patterns resume from a cached boundary.

import { MAX_EPOCH } from './wire.js';

export const GOLDEN_FRACTION = 0.6180339887498949;
const FIBONACCI = [1, 1, 2, 3, 5, 8];
const FIBONACCI_CYCLE = FIBONACCI.reduce((a, b) => a + b, 0); // 20 intervals per 6 epochs
const CHECKPOINT_EVERY = 1024;
const MAX_WALK_EPOCHS = 50_000_000;

/** Built-in d(e) for intervalMs I. */
export const BUILTIN_PATTERNS = Object.freeze({
  fixed: (epoch, intervalMs) => intervalMs,
  fibonacci: (epoch, intervalMs) => intervalMs * FIBONACCI[epoch % 6],
  golden: (epoch, intervalMs) => {
    const x = (epoch + 1) * GOLDEN_FRACTION;
    return Math.floor(intervalMs * (0.5 + (x - Math.floor(x))));
  },
});

/**
 * Normalises the `tokenRotator` option into a Map name -> d(epoch, intervalMs).
 * Accepts a function with a `rotatorName`/`name`, an object {name, duration(e, I)}, an
 * array of those, or a plain object {name: fn}.
 */
export function rotatorRegistry(option) {
  const registry = new Map();
  const add = (name, fn) => {
    if (typeof name !== 'string' || !name || typeof fn !== 'function') {
      throw new TypeError('a token rotator needs a name and a duration(epoch, intervalMs) function');
    }
    registry.set(name, fn);
  };
  const addOne = (item) => {
    if (typeof item === 'function') add(item.rotatorName ?? item.name, item);
    else if (item && typeof item.duration === 'function') add(item.name, item.duration.bind(item));
    else throw new TypeError('invalid token rotator');
  };
  if (option == null) return registry;
  if (Array.isArray(option)) option.forEach(addOne);
  else if (typeof option === 'function' || typeof option.duration === 'function') addOne(option);
  else for (const [name, fn] of Object.entries(option)) add(name, fn);
  return registry;
}

export class RotationSchedule {
  #duration;
  #cursor; // {boundary, epoch}: a known epoch start, for golden and custom patterns
  #checkpoints = []; // boundary of epoch k * CHECKPOINT_EVERY

  /**
   * @param {{pattern: string, intervalMs: number, start: number}} rotation from WELCOME
   * @param {Map<string, Function>} [customPatterns]
   */
  constructor({ pattern, intervalMs, start }, customPatterns = new Map()) {
    if (!Number.isSafeInteger(intervalMs) || intervalMs <= 0) throw new RangeError('intervalMs must be a positive integer');
    if (!Number.isSafeInteger(start)) throw new RangeError('start must be an integer (unix ms)');
    const duration = BUILTIN_PATTERNS[pattern] ?? customPatterns.get(pattern);
    if (!duration) throw new RangeError(`unknown rotation pattern "${pattern}"`);
    this.pattern = pattern;
    this.intervalMs = intervalMs;
    this.start = start;
    this.#duration = duration;
    this.#cursor = { boundary: start, epoch: 0 };
    this.#checkpoints.push(start);
  }

  /** d(e) in ms; custom patterns must return a positive integer. */
  duration(epoch) {
    const d = this.#duration(epoch, this.intervalMs);
    if (!Number.isSafeInteger(d) || d <= 0) {
      throw new RangeError(`rotation pattern "${this.pattern}" gave duration ${d} for epoch ${epoch}`);
    }
    return d;
  }

  /** The epoch in force at unix-ms t (0 before start). */
  epochAt(t) {
    if (t < this.start) return 0;
    switch (this.pattern) {
      case 'fixed':
        return Math.min(Math.floor((t - this.start) / this.intervalMs), MAX_EPOCH);
      case 'fibonacci':
        return this.#fibonacciEpochAt(t);
      default:
        return this.#walkEpochAt(t);
    }
  }

  /** Start (unix ms) of the epoch after the one in force at t. */
  nextBoundaryAfter(t) {
    if (t < this.start) return this.start;
    const epoch = this.epochAt(t);
    return this.#boundaryOf(epoch) + this.duration(epoch);
  }

  #fibonacciEpochAt(t) {
    const cycleMs = this.intervalMs * FIBONACCI_CYCLE;
    const cycles = Math.floor((t - this.start) / cycleMs);
    let boundary = this.start + cycles * cycleMs;
    let epoch = cycles * 6;
    while (boundary + this.duration(epoch) <= t) {
      boundary += this.duration(epoch);
      epoch += 1;
    }
    return Math.min(epoch, MAX_EPOCH);
  }

  #walkEpochAt(t) {
    let { boundary, epoch } = this.#cursor;
    if (t < boundary) {
      // Step back to the nearest checkpoint at or before t.
      let k = this.#checkpoints.length - 1;
      while (k > 0 && this.#checkpoints[k] > t) k--;
      boundary = this.#checkpoints[k];
      epoch = k * CHECKPOINT_EVERY;
    }
    let steps = 0;
    for (let d = this.duration(epoch); boundary + d <= t; d = this.duration(epoch)) {
      boundary += d;
      epoch += 1;
      if (epoch % CHECKPOINT_EVERY === 0 && this.#checkpoints.length === epoch / CHECKPOINT_EVERY) {
        this.#checkpoints.push(boundary);
      }
      if (++steps > MAX_WALK_EPOCHS || epoch >= MAX_EPOCH) {
        throw new RangeError('rotation schedule is too far from its start to follow');
      }
    }
    this.#cursor = { boundary, epoch };
    return epoch;
  }

  #boundaryOf(epoch) {
    let boundary = this.start;
    if (this.pattern === 'fixed') return this.start + epoch * this.intervalMs;
    let e = 0;
    if (this.pattern === 'fibonacci') {
      const cycles = Math.floor(epoch / 6);
      boundary += cycles * this.intervalMs * FIBONACCI_CYCLE;
      e = cycles * 6;
    } else if (this.#cursor.epoch <= epoch) {
      boundary = this.#cursor.boundary;
      e = this.#cursor.epoch;
    }
    for (; e < epoch; e++) boundary += this.duration(e);
    return boundary;
  }
}
