// A small event emitter. A listener that throws does not stop the others; its error is
// reported on 'error' (or dropped when it came from an 'error' listener).

export class Emitter {
  #listeners = new Map();

  /** Adds a listener; returns a function that removes it. */
  on(event, listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(listener);
    return () => this.off(event, listener);
  }

  once(event, listener) {
    const wrapper = (...args) => {
      this.off(event, wrapper);
      listener(...args);
    };
    wrapper.original = listener;
    return this.on(event, wrapper);
  }

  off(event, listener) {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const l of set) if (l === listener || l.original === listener) set.delete(l);
    if (set.size === 0) this.#listeners.delete(event);
  }

  /** Removes every listener of one event, or of all events. */
  offAll(event) {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
  }

  listenerCount(event) {
    return this.#listeners.get(event)?.size ?? 0;
  }

  emit(event, ...args) {
    const set = this.#listeners.get(event);
    if (!set) return false;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        if (event !== 'error') this.emit('error', error);
      }
    }
    return true;
  }
}
