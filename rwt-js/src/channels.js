// Subscriptions: channel names <-> the ids the server assigned (SUBSCRIBE/SUBSCRIBED).

import { RWTError } from './errors.js';
import { CHANNEL_NAME_PATTERN } from './wire.js';

export function checkChannelName(name) {
  if (typeof name !== 'string' || !CHANNEL_NAME_PATTERN.test(name)) {
    throw new RWTError(`invalid channel name ${JSON.stringify(name)}`, { code: 'BAD_CHANNEL_NAME', operation: 'subscribe' });
  }
  return name;
}

export class ChannelRegistry {
  #byName = new Map(); // name -> {name, id, wanted, token, waiters: [{resolve, reject}]}
  #byId = new Map(); // id -> name

  #entry(name) {
    let entry = this.#byName.get(name);
    if (!entry) {
      entry = { name, id: null, wanted: false, token: undefined, waiters: [] };
      this.#byName.set(name, entry);
    }
    return entry;
  }

  /** Marks a channel as wanted; the promise resolves with its id once SUBSCRIBED arrives. */
  want(name, token) {
    const entry = this.#entry(checkChannelName(name));
    entry.wanted = true;
    if (token !== undefined) entry.token = token;
    if (entry.id !== null) return Promise.resolve(entry.id);
    return new Promise((resolve, reject) => entry.waiters.push({ resolve, reject }));
  }

  /** The id, or null while not subscribed. */
  idOf(name) {
    return this.#byName.get(name)?.id ?? null;
  }

  nameOf(id) {
    return this.#byId.get(id) ?? null;
  }

  tokenOf(name) {
    return this.#byName.get(name)?.token;
  }

  isActive(name) {
    return this.idOf(name) !== null;
  }

  /** Names wanted but not yet subscribed. */
  pendingNames() {
    return [...this.#byName.values()].filter((e) => e.wanted && e.id === null).map((e) => e.name);
  }

  wantedNames() {
    return [...this.#byName.values()].filter((e) => e.wanted).map((e) => e.name);
  }

  activeNames() {
    return [...this.#byName.values()].filter((e) => e.id !== null).map((e) => e.name);
  }

  /** SUBSCRIBED (answer or server-side subscription). */
  subscribed(id, name) {
    const entry = this.#entry(name);
    if (entry.id !== null && entry.id !== id) this.#byId.delete(entry.id);
    entry.id = id;
    entry.wanted = true;
    this.#byId.set(id, name);
    for (const w of entry.waiters.splice(0)) w.resolve(id);
  }

  /** UNSUBSCRIBED or our own unsubscribe: returns the name, or null for an unknown id. */
  unsubscribed(id) {
    const name = this.#byId.get(id);
    if (name === undefined) return null;
    this.#byId.delete(id);
    const entry = this.#byName.get(name);
    entry.id = null;
    entry.wanted = false;
    return name;
  }

  /** Stops wanting a channel; returns its id if it had one. */
  release(name) {
    const entry = this.#byName.get(name);
    if (!entry) return null;
    const id = entry.id;
    entry.wanted = false;
    if (id !== null) {
      this.#byId.delete(id);
      entry.id = null;
    }
    return id;
  }

  /** A subscribe request failed: reject its waiters and stop wanting it. */
  refused(name, error) {
    const entry = this.#byName.get(name);
    if (!entry) return;
    entry.wanted = false;
    for (const w of entry.waiters.splice(0)) w.reject(error);
  }

  /** A fresh session has no subscriptions: forget the ids, keep what is wanted. */
  clearIds() {
    this.#byId.clear();
    for (const entry of this.#byName.values()) entry.id = null;
  }

  failAll(error) {
    for (const entry of this.#byName.values()) for (const w of entry.waiters.splice(0)) w.reject(error);
  }
}
