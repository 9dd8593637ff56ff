// The object returned by RWTClient.createChannel(name): the client's API bound to one channel.

import { messageMatcher } from './filters.js';

export class ChannelHandle {
  #client;

  constructor(client, name, options = {}) {
    this.#client = client;
    this.name = name;
    this.options = options;
  }

  /** Subscribes (again); resolves with the assigned id. */
  open() {
    return this.#client.subscribe(this.name, this.options);
  }

  /** Unsubscribes; listeners added through this handle stay until removed. */
  close() {
    return this.#client.unsubscribe(this.name);
  }

  isActive() {
    return this.#client.isSubscribed(this.name);
  }

  send(data, options = {}) {
    return this.#client.send(data, { ...options, channel: this.name });
  }

  sendBinary(bytes, options = {}) {
    return this.#client.sendBinary(this.name, bytes, options);
  }

  /** onMessage(callback) or onMessage(filter, callback); returns an unsubscribe function. */
  onMessage(filter, callback) {
    const [f, cb] = callback === undefined ? [null, filter] : [filter, callback];
    const match = messageMatcher(f);
    return this.#client.onMessage((m) => m.channel === this.name && match(m), cb);
  }

  waitForMessage(filter, timeout) {
    return this.#client.waitForMessage(filter, this.name, timeout);
  }
}
