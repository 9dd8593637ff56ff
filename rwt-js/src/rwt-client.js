// RWTClient: the public browser/Node client for RWT/1. It owns what outlives one socket
// (delivery state, subscriptions, calls, reconnection) and delegates the wire to
// Connection / SecureSession; there is no cryptography in this file.
//
// Lifecycle: idle -> connecting -> open -> (reconnecting -> open)* -> closed.
// A drop that is not a normal close (1000) or a violation close (4000-4011) reconnects
// with backoff and HELLO.resume; on resumed:true kept frames are re-sent with their seqs,
// on resumed:false the 'continuity-lost' event says that frames may have been lost.

import { DEFAULT_RECONNECTION, reconnectDelay, reconnectionPolicy } from './backoff.js';
import { toBytes, u64Bytes } from './bytes.js';
import { ChannelHandle } from './channel-handle.js';
import { ChannelRegistry, checkChannelName } from './channels.js';
import { Connection } from './connection.js';
import { AckScheduler, DeliveryState } from './delivery.js';
import { Emitter } from './emitter.js';
import {
  RWTAuthenticationError, RWTConnectionError, RWTEncryptionError, RWTError, RWTProtocolError, RWTSendError,
  RWTTimeoutError,
} from './errors.js';
import { messageMatcher } from './filters.js';
import { ClientHandshake } from './handshake.js';
import { IdentityPin } from './identity.js';
import { encodeJson } from './json.js';
import { rotatorRegistry } from './rotation.js';
import { CallRegistry } from './rpc.js';
import { CLOSE_CODE_NAMES, CloseCode, Flag, FrameType, isViolationClose, RELIABLE_TYPES } from './wire.js';

export {
  RWTError, RWTConnectionError, RWTAuthenticationError, RWTSendError, RWTTimeoutError, RWTEncryptionError,
  RWTProtocolError,
};
export { CloseCode, FrameType, SUBPROTOCOL } from './wire.js';

export const CLIENT_NAME = 'rwt-js/1.0.0';
const DEFAULT_CALL_TIMEOUT_MS = 30000;
const DEFAULT_WAIT_TIMEOUT_MS = 30000;
const DEFAULT_COMPRESS_THRESHOLD = 1024;
const MAX_TIMER_MS = 0x7fffffff;
// A failed renewal is retried after 1 s, then 2 s, 4 s ... up to 30 s, while a retry can still
// land before the token expires (closer than 50 ms to it, the REFRESHED would come too late).
const RENEW_RETRY = Object.freeze({ baseMs: 1000, maxMs: 30000, minMs: 50 });
const PRIORITY_RANK = { high: 0, normal: 1, low: 2 };
const SEND_OPTION_KEYS = new Set(['channel', 'encrypt', 'compress', 'priority', 'meta']);

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

function looksLikeSendOptions(value) {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => SEND_OPTION_KEYS.has(k));
}

function isLoopback(url) {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

function defaultEndpoint() {
  const location = globalThis.location;
  if (!location?.host) return null;
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/rwt`;
}

export class RWTClient extends Emitter {
  #options;
  #WebSocket;
  #state = 'idle';
  #connection = null;
  #delivery;
  #channels = new ChannelRegistry();
  #groups = new Map(); // group name -> Set of channel names
  #calls = new CallRegistry();
  #acks = null;
  #pending = []; // sends waiting for a connection: {spec, priority, resolve, reject, order}
  #pendingOrder = 0;
  #subscribeInFlight = new Map(); // channel name -> seq of its SUBSCRIBE
  #refs = new Map(); // seq -> {kind: 'subscribe'|'call', name?, callId?}
  #messageRefs = new Map(); // seq -> channel name, until ACKed (to explain an ERROR with ref)
  #reconnection = DEFAULT_RECONNECTION;
  #encryption = { enabled: true, compressThreshold: DEFAULT_COMPRESS_THRESHOLD };
  #tokenRotation = { renewThreshold: 0.8 };
  #pin = null;
  #verificationCallback = null;
  #rotators;
  #session = null; // {id, resumeKey, resumeTtlMs, droppedAt, authExp, fingerprint}
  #lastHandshake = null;
  #attempt = 0;
  #timers = { reconnect: null, epoch: null, refresh: null };
  #epoch = 0;
  #continuityLost = false;
  #knownFingerprint = null;
  #pendingContinuityEvent = null; // emitted once the new connection is ready
  #lastError = null; // what ended the session, until the next connect()
  #stats = {
    connectedAt: 0, latency: null, tokenRotations: 0, reconnects: 0, messagesSent: 0, messagesReceived: 0,
    duplicatesDropped: 0, compressedIn: 0, compressedOut: 0,
  };

  /**
   * @param {object} options see rwt-client.d.ts (RWTClientOptions)
   */
  constructor(options = {}) {
    super();
    const endpoint = options.endpoint ?? defaultEndpoint();
    if (!endpoint) throw new TypeError('endpoint is required (e.g. wss://example.com/rwt)');
    const WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
    if (typeof WebSocketImpl !== 'function') {
      throw new TypeError('no WebSocket: pass options.WebSocket (e.g. the "ws" package) outside browsers');
    }
    this.#options = { ...options, endpoint };
    this.#WebSocket = WebSocketImpl;
    this.#rotators = rotatorRegistry(options.tokenRotator);
    this.#delivery = new DeliveryState({ maxBufferedBytes: options.maxBufferedBytes });
    if (options.reconnection) this.configureReconnection(options.reconnection);
    if (options.encryption) this.configureEncryption(options.encryption);
    if (options.tokenRotation) this.configureTokenRotation(options.tokenRotation);
    for (const name of options.channels ?? []) this.#channels.want(name).catch(() => {});
    for (const [group, names] of Object.entries(options.channelGroups ?? {})) this.#groups.set(group, new Set(names));
  }

  // ---- lifecycle -------------------------------------------------------------------

  /** Connects and resolves once the handshake is done. Options: {timeout, authToken}. */
  async connect(options = {}) {
    if (this.#state === 'open') return this.#connectInfo();
    if (this.#state === 'connecting' || this.#state === 'reconnecting') {
      return new Promise((resolve, reject) => {
        const offs = [
          this.once('connect', () => { offs.forEach((off) => off()); resolve(this.#connectInfo()); }),
          this.once('reconnect', () => { offs.forEach((off) => off()); resolve(this.#connectInfo()); }),
          this.once('disconnect', (e) => { if (!e.willReconnect) { offs.forEach((off) => off()); reject(e.error ?? new RWTConnectionError('connection closed')); } }),
        ];
      });
    }
    if (options.authToken !== undefined) this.#options.authToken = options.authToken;
    if (options.timeout !== undefined) this.#options.connectTimeout = options.timeout;
    if (this.#options.endpoint.startsWith('ws://') && !isLoopback(this.#options.endpoint)) {
      this.emit('security-warning', { code: 'INSECURE_TRANSPORT', message: 'endpoint is ws:// (no TLS); use wss://' });
    }
    this.#state = 'connecting';
    this.#attempt = 0;
    this.#lastError = null;
    try {
      await this.#establish(false);
    } catch (error) {
      this.#state = 'idle';
      throw error;
    }
    return this.#connectInfo();
  }

  /** Ends the session (close 1000: the server forgets it). Pending sends and calls fail. */
  async disconnect(reason = 'client disconnect') {
    if (this.#state === 'closed' || this.#state === 'idle') return;
    const connection = this.#connection;
    this.#state = 'closing';
    this.#clearTimers();
    this.#acks?.stop();
    connection?.close(CloseCode.NORMAL, reason);
    if (!connection) this.#endSession(null, { code: CloseCode.NORMAL, reason, intentional: true });
  }

  // ---- sending ---------------------------------------------------------------------

  /**
   * send(channel, data[, options]) or send(data, {channel, encrypt, compress, priority, meta}).
   * Without a channel the message goes to the server directly (channel 0).
   * @returns {Promise<{seq: number, channel: string|null}>} once the frame is on the socket
   */
  send(a, b, c) {
    let data;
    let options;
    if (typeof a === 'string' && (arguments.length >= 3 || (arguments.length === 2 && !looksLikeSendOptions(b)))) {
      data = b;
      options = { ...(c ?? {}), channel: a };
    } else {
      data = a;
      options = b ?? {};
    }
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return this.#sendMessage(options.channel, toBytes(data), false, options);
    if (data === undefined) return Promise.reject(new RWTSendError('nothing to send', { code: 'BAD_PARAMS', operation: 'send' }));
    return this.#sendMessage(options.channel, encodeJson(data), true, options);
  }

  /** Sends opaque bytes (no JSON flag) to a channel, or to the server when channel is null. */
  sendBinary(channel, bytes, options = {}) {
    return this.#sendMessage(channel, toBytes(bytes), false, options);
  }

  /** RPC: CALL {id, method, params} -> RESULT. Rejects with the server's error code or RWTTimeoutError. */
  call(method, params, { timeout = DEFAULT_CALL_TIMEOUT_MS, encrypt } = {}) {
    if (typeof method !== 'string' || method.length === 0) return Promise.reject(new TypeError('method must be a non-empty string'));
    const { id, promise } = this.#calls.start(method, timeout);
    const body = { id, method };
    if (params !== undefined) body.params = params;
    this.#sendFrame({ type: FrameType.CALL, payload: encodeJson(body), json: true, encrypt: encrypt ?? this.#encryption.enabled })
      .then((sealed) => this.#refs.set(sealed.seq, { kind: 'call', callId: id }))
      .catch((error) => this.#calls.fail(id, error));
    return promise;
  }

  // ---- subscriptions ---------------------------------------------------------------

  /** Subscribes to a channel; resolves with its id. Options: {token}. */
  subscribe(name, { token } = {}) {
    let promise;
    try {
      promise = this.#channels.want(name, token);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#state === 'open') this.#requestSubscribe(name);
    return promise;
  }

  /** Unsubscribes (UNSUBSCRIBE on the channel's id). */
  async unsubscribe(name) {
    this.#subscribeInFlight.delete(name);
    const id = this.#channels.release(name);
    if (id === null) return;
    await this.#sendFrame({ type: FrameType.UNSUBSCRIBE, channel: id });
    this.emit('unsubscribed', { channel: name, id, reason: 'client' });
  }

  isSubscribed(name) {
    return this.#channels.isActive(name);
  }

  createChannel(name, options = {}) {
    checkChannelName(name);
    const handle = new ChannelHandle(this, name, options);
    handle.open().catch((error) => this.emit('error', error));
    return handle;
  }

  /** Subscribes every channel of a group (defined here or in options.channelGroups). */
  subscribeGroup(group, channels) {
    if (channels) this.#groups.set(group, new Set(channels));
    const names = this.#groups.get(group);
    if (!names) return Promise.reject(new RWTError(`unknown channel group ${group}`, { code: 'BAD_PARAMS', operation: 'subscribe' }));
    return Promise.all([...names].map((name) => this.subscribe(name)));
  }

  /** Listens to messages on any channel of a group; returns an unsubscribe function. */
  onGroup(group, callback) {
    return this.on('message', (message) => {
      if (this.#groups.get(group)?.has(message.channel)) callback(message, group);
    });
  }

  // ---- receiving -------------------------------------------------------------------

  /** Calls back for messages matching a filter; returns an unsubscribe function. */
  onMessage(filter, callback) {
    if (callback === undefined) return this.on('message', filter);
    const match = messageMatcher(filter);
    return this.on('message', (message) => { if (match(message)) callback(message); });
  }

  /** Resolves with the next matching message (optionally on one channel) or rejects on timeout. */
  waitForMessage(filter, channel, timeout = DEFAULT_WAIT_TIMEOUT_MS) {
    const match = messageMatcher(filter);
    return new Promise((resolve, reject) => {
      const off = this.on('message', (message) => {
        if ((channel == null || message.channel === channel) && match(message)) {
          clearTimeout(timer);
          off();
          resolve(message);
        }
      });
      const timer = setTimeout(() => {
        off();
        reject(new RWTTimeoutError(`no matching message within ${timeout} ms`, { operation: 'waitForMessage' }));
      }, timeout);
    });
  }

  // ---- configuration and status ----------------------------------------------------

  configureReconnection(options = {}) {
    this.#reconnection = reconnectionPolicy(options, this.#reconnection);
    return this;
  }

  /** {renewThreshold: 0..1 of the application token's remaining lifetime, tokenProvider?: () => token} */
  configureTokenRotation({ renewThreshold, tokenProvider } = {}) {
    if (renewThreshold !== undefined) {
      if (!(renewThreshold > 0 && renewThreshold < 1)) throw new RangeError('renewThreshold must be between 0 and 1');
      this.#tokenRotation.renewThreshold = renewThreshold;
    }
    if (tokenProvider !== undefined) this.#options.authToken = tokenProvider;
    return this;
  }

  /** {enabled: encrypt payloads by default (ENC flag), compressThreshold: bytes for compress 'auto'} */
  configureEncryption({ enabled, compressThreshold } = {}) {
    if (enabled !== undefined) this.#encryption.enabled = Boolean(enabled);
    if (compressThreshold !== undefined) this.#encryption.compressThreshold = compressThreshold;
    if (enabled === false) {
      this.emit('security-warning', { code: 'ENCRYPTION_DISABLED', message: 'payloads are authenticated but not encrypted' });
    }
    return this;
  }

  /**
   * Pins the server identity (65-byte key or SHA-256 fingerprint) and turns payload
   * encryption on. A WELCOME that is unsigned or signed by another key is refused.
   */
  enableE2E({ identity, fingerprint, verificationCallback } = {}) {
    if (identity != null || fingerprint != null) this.#pin = new IdentityPin({ identity, fingerprint });
    if (verificationCallback !== undefined) this.#verificationCallback = verificationCallback;
    this.#encryption.enabled = true;
    return this;
  }

  getStatus() {
    const connectedAt = this.#stats.connectedAt;
    return {
      state: this.#state,
      connected: this.#state === 'open',
      sessionId: this.#session?.id ?? null,
      latency: this.#stats.latency,
      uptime: this.#state === 'open' && connectedAt ? Date.now() - connectedAt : 0,
      epoch: this.#epoch,
      tokenRotations: this.#stats.tokenRotations,
      compressionRatio: this.#stats.compressedIn ? this.#stats.compressedOut / this.#stats.compressedIn : 1,
      reconnects: this.#stats.reconnects,
      reconnectAttempt: this.#attempt,
      resumed: this.#lastHandshake?.resumed ?? false,
      continuityLost: this.#continuityLost,
      subscriptions: this.#channels.activeNames(),
      pendingCalls: this.#calls.size,
      unackedFrames: this.#delivery.keptCount,
      queuedSends: this.#pending.length,
      lastReceivedSeq: this.#delivery.lastReceivedSeq,
      messagesSent: this.#stats.messagesSent,
      messagesReceived: this.#stats.messagesReceived,
      duplicatesDropped: this.#stats.duplicatesDropped,
      authExp: this.#session?.authExp ?? null,
      serverFingerprint: this.#lastHandshake?.fingerprint ?? null,
      encryption: this.#encryption.enabled,
      lastError: this.#lastError,
    };
  }

  // ---- internals: connecting -------------------------------------------------------

  #connectInfo() {
    const h = this.#lastHandshake;
    return {
      sessionId: h.sessionId, resumed: h.resumed, continuityLost: this.#continuityLost, heartbeatMs: h.heartbeatMs,
      maxFrameBytes: h.maxFrameBytes, authExp: h.authExp, fingerprint: h.fingerprint, rotation: h.rotation,
    };
  }

  async #authToken() {
    const token = this.#options.authToken;
    const value = typeof token === 'function' ? await token() : token;
    if (typeof value !== 'string') throw new RWTAuthenticationError('authToken must be a string or a function returning one', { operation: 'connect' });
    return value;
  }

  #canResume() {
    const s = this.#session;
    return Boolean(this.#reconnection.preserveSession && s?.resumeKey && s.droppedAt !== null
      && Date.now() - s.droppedAt < s.resumeTtlMs);
  }

  async #establish(reconnecting) {
    const resume = reconnecting && this.#canResume()
      ? { session: this.#session.id, lastSeq: this.#delivery.lastReceivedSeq, resumeKey: this.#session.resumeKey }
      : undefined;
    const handshake = await ClientHandshake.create({
      authToken: await this.#authToken(),
      rotationKey: this.#options.rotationKey ?? '',
      clientName: this.#options.clientName ?? CLIENT_NAME,
      resume,
    });
    const connection = new Connection({
      url: this.#options.endpoint,
      WebSocket: this.#WebSocket,
      rotators: this.#rotators,
      pin: this.#pin,
      batching: this.#options.batching !== false,
      hooks: {
        prepare: (result) => this.#prepareSession(connection, result, Boolean(resume)),
        frame: (frame) => this.#onFrame(connection, frame),
        closed: (info) => this.#onClosed(connection, info),
        latency: (ms) => { this.#stats.latency = ms; },
      },
    });
    const result = await connection.open(handshake, { timeoutMs: this.#options.connectTimeout ?? 15000 });
    await this.#onConnected(connection, result, reconnecting);
  }

  /** Runs between WELCOME and the first frame: identity checks and the delivery state to continue from. */
  async #prepareSession(connection, result, resumeRequested) {
    if (this.#verificationCallback) {
      const accepted = await this.#verificationCallback({
        identity: result.identity, fingerprint: result.fingerprint, signed: result.identitySigned, sessionId: result.sessionId,
      });
      if (accepted === false) {
        throw new RWTEncryptionError('server identity rejected by verificationCallback', { code: 'IDENTITY_REJECTED', operation: 'handshake' });
      }
    }
    if (result.fingerprint && this.#knownFingerprint && result.fingerprint !== this.#knownFingerprint && !this.#pin) {
      this.emit('security-warning', { code: 'IDENTITY_CHANGED', message: 'the server identity changed since the last connection', fingerprint: result.fingerprint });
    }
    if (result.fingerprint) this.#knownFingerprint = result.fingerprint;
    if (!result.resumed) {
      const hadSession = this.#session !== null;
      const lostFrames = this.#delivery.reset();
      this.#channels.clearIds();
      this.#subscribeInFlight.clear();
      this.#refs.clear();
      this.#messageRefs.clear();
      if (hadSession) {
        this.#continuityLost = true;
        this.#calls.failAll(new RWTConnectionError('session continuity lost; the call may or may not have run',
          { code: 'CONTINUITY_LOST', operation: 'call' }));
        this.#pendingContinuityEvent = { resumeRequested, lostFrames, previousSession: this.#session.id, session: result.sessionId };
      }
    }
    this.#acks?.stop();
    this.#acks = new AckScheduler((seq) => {
      if (connection.isOpen) connection.send({ type: FrameType.ACK, payload: u64Bytes(seq) }).catch(() => {});
    });
    // Kept frames go out first, with their original seqs, before anything new is sealed.
    const resend = result.resumed ? this.#delivery.keptAbove(result.lastSeq) : [];
    return { nextSeq: this.#delivery.nextSeq, resend };
  }

  async #onConnected(connection, result, reconnecting) {
    if (this.#state === 'closed' || this.#state === 'closing') {
      connection.close(CloseCode.NORMAL, 'client disconnect'); // disconnect() won the race
      return;
    }
    this.#connection = connection;
    this.#lastHandshake = result;
    this.#session = {
      id: result.sessionId, resumeKey: result.resumeKey, resumeTtlMs: result.resumeTtlMs, droppedAt: null,
      authExp: result.authExp,
    };
    this.#state = 'open';
    this.#attempt = 0;
    this.#stats.connectedAt = Date.now();
    this.#epoch = connection.session.currentEpoch();
    this.emit('key-rotate', { reason: result.resumed ? 'resume' : 'handshake', sessionId: result.sessionId, epoch: this.#epoch });
    if (this.#pendingContinuityEvent) {
      this.emit('continuity-lost', this.#pendingContinuityEvent);
      this.#pendingContinuityEvent = null;
    }
    if (reconnecting) {
      this.#stats.reconnects += 1;
      this.emit('reconnect', { ...this.#connectInfo(), attempt: this.#attempt });
    } else {
      this.emit('connect', this.#connectInfo());
    }
    for (const name of this.#channels.pendingNames()) this.#requestSubscribe(name);
    this.#drainPending();
    this.#scheduleEpochTimer();
    this.#scheduleRefresh();
    connection.ping().catch(() => {});
  }

  #onClosed(connection, { code, reason, error, initiatedByClient }) {
    if (this.#connection !== connection) return;
    this.#connection = null;
    this.#acks?.stop();
    if (connection.session) this.#delivery.nextSeq = Math.max(this.#delivery.nextSeq, connection.session.nextSeq);
    this.#clearTimers();
    if (this.#session) this.#session.droppedAt = Date.now();
    if (this.#state === 'closing') {
      this.#endSession(null, { code, reason, intentional: true });
      return;
    }
    const clientHeartbeat = initiatedByClient && error?.closeCode === CloseCode.HEARTBEAT;
    let fatal = null;
    if (code === CloseCode.NORMAL) {
      fatal = error ?? new RWTConnectionError(`server ended the session${reason ? `: ${reason}` : ''}`, { code: 'CLOSED', closeCode: code });
    } else if (initiatedByClient && error && !clientHeartbeat) {
      fatal = error;
    } else if (!initiatedByClient && isViolationClose(code)) {
      const details = { code, reason };
      fatal = code === CloseCode.UNAUTHENTICATED
        ? new RWTAuthenticationError(reason || 'authentication expired or revoked', { closeCode: code, operation: 'session', details })
        : code === CloseCode.FORBIDDEN
          ? new RWTAuthenticationError(reason || 'forbidden', { code: 'FORBIDDEN', closeCode: code, operation: 'session', details })
          : new RWTConnectionError(`server closed the session (${code}${reason ? `: ${reason}` : ''})`, { code: CLOSE_CODE_NAMES[code] ?? 'PROTOCOL', closeCode: code });
    } else if (!this.#reconnection.enabled) {
      fatal = new RWTConnectionError(`connection lost (${code})`, { code: 'CONNECTION_LOST', closeCode: code });
    }
    if (fatal) {
      this.#endSession(fatal, { code, reason });
      return;
    }
    this.#state = 'reconnecting';
    this.emit('disconnect', { code, reason, willReconnect: true, error });
    this.#scheduleReconnect();
  }

  #scheduleReconnect() {
    this.#attempt += 1;
    if (this.#attempt > this.#reconnection.maxAttempts) {
      this.#endSession(new RWTConnectionError(`gave up after ${this.#reconnection.maxAttempts} reconnection attempts`, { code: 'RECONNECT_FAILED' }), { code: CloseCode.ABNORMAL });
      return;
    }
    const delay = reconnectDelay(this.#attempt, this.#reconnection);
    this.#timers.reconnect = setTimeout(() => this.#attemptReconnect(), delay);
  }

  async #attemptReconnect() {
    this.#timers.reconnect = null;
    if (this.#state !== 'reconnecting') return;
    try {
      await this.#establish(true);
    } catch (error) {
      if (this.#state !== 'reconnecting') return;
      if (error instanceof RWTAuthenticationError || error instanceof RWTEncryptionError) {
        this.#endSession(error, { code: error.closeCode ?? CloseCode.NORMAL });
        return;
      }
      if (error.code === 'RESUME_FAILED' && this.#session) this.#session.resumeKey = null;
      this.emit('error', error);
      this.#scheduleReconnect();
    }
  }

  #endSession(error, { code, reason = '', intentional = false }) {
    const wasState = this.#state;
    this.#state = 'closed';
    this.#lastError = error ?? null;
    this.#clearTimers();
    this.#acks?.stop();
    const failure = error ?? new RWTConnectionError('disconnected', { code: 'CLOSED', operation: 'disconnect' });
    this.#calls.failAll(failure);
    this.#channels.failAll(failure);
    for (const p of this.#pending.splice(0)) p.reject(failure);
    this.#delivery.reset();
    this.#session = null;
    if (wasState !== 'closed') this.emit('disconnect', { code, reason, willReconnect: false, intentional, error });
    if (error) this.emit('error', error);
  }

  #clearTimers() {
    for (const key of Object.keys(this.#timers)) {
      if (this.#timers[key] !== null) clearTimeout(this.#timers[key]);
      this.#timers[key] = null;
    }
  }

  #scheduleEpochTimer() {
    const connection = this.#connection;
    const schedule = connection?.schedule;
    if (!schedule) return;
    const now = connection.serverNow();
    const delay = Math.min(MAX_TIMER_MS, Math.max(1, schedule.nextBoundaryAfter(now) - now + 1));
    this.#timers.epoch = setTimeout(() => {
      if (this.#connection !== connection) return;
      const epoch = connection.session.currentEpoch();
      if (epoch !== this.#epoch) {
        const previousEpoch = this.#epoch;
        this.#epoch = epoch;
        this.#stats.tokenRotations += 1;
        this.emit('token-rotate', { epoch, previousEpoch });
      }
      this.#scheduleEpochTimer();
    }, delay);
  }

  /**
   * Schedules the REFRESH for the current authExp when the token comes from a function: after
   * renewThreshold of the time left (the token was just handed over, at the handshake or by
   * REFRESHED, so that is its lifetime).
   */
  #scheduleRefresh() {
    clearTimeout(this.#timers.refresh);
    this.#timers.refresh = null;
    const connection = this.#connection;
    const authExp = this.#session?.authExp;
    if (authExp == null || typeof this.#options.authToken !== 'function' || !connection) return;
    const remaining = authExp - connection.serverNow();
    this.#scheduleRenew(connection, remaining * this.#tokenRotation.renewThreshold, 0);
  }

  #scheduleRenew(connection, delay, failures) {
    this.#timers.refresh = setTimeout(() => {
      this.#timers.refresh = null;
      this.#renew(connection, failures);
    }, Math.min(MAX_TIMER_MS, Math.max(0, Math.round(delay))));
  }

  async #renew(connection, failures) {
    let auth;
    try {
      auth = await this.#authToken();
    } catch (cause) {
      if (this.#connection === connection) this.#renewFailed(connection, failures + 1, cause);
      return;
    }
    if (this.#connection !== connection) return; // dropped meanwhile: the reconnect asks for a token again
    this.#sendFrame({ type: FrameType.REFRESH, payload: encodeJson({ auth }), json: true, encrypt: true }).catch(() => {});
  }

  /** The token source failed: tell the application, retry with backoff while it can help. */
  #renewFailed(connection, attempt, cause) {
    const authExp = this.#session?.authExp ?? null;
    const left = authExp == null ? Infinity : authExp - connection.serverNow();
    const backoff = Math.min(RENEW_RETRY.maxMs, RENEW_RETRY.baseMs * 2 ** (attempt - 1));
    const delay = Math.min(backoff, Math.floor(left / 2));
    const willRetry = delay >= RENEW_RETRY.minMs;
    const error = new RWTAuthenticationError(`could not renew the token: ${cause?.message ?? cause}`,
      { operation: 'refresh', cause });
    this.emit('auth-refresh-failed', { attempt, error, willRetry, retryInMs: willRetry ? delay : null, authExp });
    if (willRetry) this.#scheduleRenew(connection, delay, attempt);
  }

  // ---- internals: frames out -------------------------------------------------------

  #sendMessage(channel, payload, json, options) {
    const encrypt = options.encrypt ?? this.#encryption.enabled;
    // 'auto' never compresses what is encrypted: compressed size leaks how much of an
    // attacker's input matched secrets in the same payload (CRIME/BREACH, docs/security.md)
    const compress = options.compress === 'auto' || options.compress === undefined
      ? !encrypt && payload.length >= this.#encryption.compressThreshold
      : Boolean(options.compress);
    const spec = { type: FrameType.MESSAGE, payload, json, encrypt, compress, meta: options.meta ?? null };
    const priority = options.priority ?? 'normal';
    const send = (channelId) => this.#sendFrame({ ...spec, channel: channelId }, priority).then((sealed) => {
      this.#stats.messagesSent += 1;
      this.#messageRefs.set(sealed.seq, channel ?? null);
      const info = { seq: sealed.seq, channel: channel ?? null, bytes: sealed.bytes.length, encrypted: encrypt, compressed: compress };
      this.emit('send', info);
      return info;
    });
    if (channel == null) return send(0);
    const id = this.#channels.idOf(channel);
    if (id !== null) return send(id);
    return this.subscribe(channel).then(send);
  }

  /** Seals and sends now, or queues until the connection is (re)established. */
  #sendFrame(spec, priority = 'normal') {
    if (this.#state === 'open' && this.#connection?.isOpen) return this.#sendNow(spec);
    if (this.#state === 'idle' || this.#state === 'closed' || this.#state === 'closing') {
      return Promise.reject(new RWTConnectionError('not connected; call connect() first', { code: 'NOT_CONNECTED', operation: 'send' }));
    }
    if (!RELIABLE_TYPES.has(spec.type)) return Promise.reject(new RWTConnectionError('not connected', { code: 'NOT_CONNECTED', operation: 'send' }));
    return new Promise((resolve, reject) => {
      this.#pending.push({ spec, rank: PRIORITY_RANK[priority] ?? 1, order: this.#pendingOrder++, resolve, reject });
    });
  }

  #sendNow(spec) {
    const reliable = RELIABLE_TYPES.has(spec.type);
    try {
      if (reliable) this.#delivery.ensureRoom(spec.payload?.length ?? 0);
    } catch (error) {
      return Promise.reject(error);
    }
    const connection = this.#connection;
    return connection.send(spec, (sealed) => {
      if (reliable) this.#delivery.keep(sealed.record);
      this.#delivery.nextSeq = connection.session.nextSeq;
      if (sealed.record.flags & Flag.DEFLATE) {
        this.#stats.compressedIn += sealed.plainBytes;
        this.#stats.compressedOut += sealed.record.body.length;
      }
    }).catch((error) => {
      // A reliable frame kept before the socket failed is re-sent on resume.
      if (error.code === 'NOT_CONNECTED' && reliable && this.#delivery.keptCount > 0) {
        throw new RWTSendError('connection lost while sending; the frame will be re-sent on resume',
          { code: 'CONNECTION_LOST', operation: 'send', cause: error });
      }
      throw error;
    });
  }

  #drainPending() {
    const queued = this.#pending.splice(0).sort((a, b) => a.rank - b.rank || a.order - b.order);
    for (const item of queued) this.#sendNow(item.spec).then(item.resolve, item.reject);
  }

  #requestSubscribe(name) {
    if (this.#subscribeInFlight.has(name)) return;
    this.#subscribeInFlight.set(name, null);
    const token = this.#channels.tokenOf(name);
    const body = token === undefined ? { channel: name } : { channel: name, token };
    this.#sendFrame({ type: FrameType.SUBSCRIBE, payload: encodeJson(body), json: true, encrypt: this.#encryption.enabled })
      .then((sealed) => {
        this.#subscribeInFlight.set(name, sealed.seq);
        this.#refs.set(sealed.seq, { kind: 'subscribe', name });
      })
      .catch((error) => {
        this.#subscribeInFlight.delete(name);
        if (this.#state === 'open') this.#channels.refused(name, error);
      });
  }

  // ---- internals: frames in --------------------------------------------------------

  #onFrame(connection, frame) {
    if (this.#connection !== connection && this.#state === 'open') return;
    if (!this.#delivery.isNew(frame.seq)) {
      this.#stats.duplicatesDropped += 1;
      return;
    }
    this.#delivery.received(frame.seq);
    this.#acks?.received(frame.seq, frame.reliable);
    switch (frame.type) {
      case FrameType.ACK:
        this.#delivery.acknowledge(frame.value);
        for (const seq of this.#messageRefs.keys()) {
          if (seq > frame.value) break;
          this.#messageRefs.delete(seq);
        }
        break;
      case FrameType.MESSAGE:
        this.#deliverMessage(frame);
        break;
      case FrameType.SUBSCRIBED:
        this.#onSubscribed(frame);
        break;
      case FrameType.UNSUBSCRIBED: {
        const name = this.#channels.unsubscribed(frame.channel);
        if (name !== null) this.emit('unsubscribed', { channel: name, id: frame.channel, reason: frame.json?.reason ?? null });
        break;
      }
      case FrameType.REFRESHED:
        if (this.#session) this.#session.authExp = frame.json?.authExp ?? null;
        this.emit('auth-refresh', { authExp: frame.json?.authExp ?? null });
        this.#scheduleRefresh();
        break;
      case FrameType.RESULT:
        this.#forgetCallRef(frame.json?.id);
        this.#calls.settle(frame.json);
        break;
      case FrameType.ERROR:
        this.#onServerError(frame);
        break;
      default:
        break; // PING/PONG are handled by the connection
    }
  }

  #onSubscribed(frame) {
    const name = frame.json?.channel;
    if (typeof name !== 'string') return;
    const seq = this.#subscribeInFlight.get(name);
    if (seq != null) this.#refs.delete(seq);
    this.#subscribeInFlight.delete(name);
    this.#channels.subscribed(frame.channel, name);
    this.emit('subscribed', { channel: name, id: frame.channel });
  }

  #deliverMessage(frame) {
    const name = frame.channel === 0 ? null : this.#channels.nameOf(frame.channel);
    if (frame.channel !== 0 && name === null) {
      this.emit('security-warning', { code: 'UNKNOWN_CHANNEL', message: `message on unknown channel id ${frame.channel}`, seq: frame.seq });
      return;
    }
    this.#stats.messagesReceived += 1;
    const meta = frame.meta;
    const message = {
      channel: name,
      channelId: frame.channel,
      data: frame.json !== undefined ? frame.json : frame.payload,
      binary: frame.json === undefined,
      meta,
      from: meta?.from ?? null,
      id: meta?.id ?? null,
      ts: meta?.ts ?? null,
      seq: frame.seq,
      encrypted: frame.encrypted,
      compressed: frame.compressed,
      receivedAt: Date.now(),
    };
    this.emit('message', message);
    if (name !== null) this.emit(`message:${name}`, message);
  }

  #onServerError(frame) {
    const body = frame.json ?? {};
    const code = typeof body.code === 'string' ? body.code : 'INTERNAL';
    let ref = Number.isSafeInteger(body.ref) ? this.#refs.get(body.ref) : undefined;
    if (ref) this.#refs.delete(body.ref);
    else if (this.#messageRefs.has(body.ref)) ref = { kind: 'message', name: this.#messageRefs.get(body.ref) };
    const details = { ref: body.ref ?? null, channel: ref?.name ?? this.#channels.nameOf(frame.channel) };
    const options = { code, details, retryAfterMs: body.retryAfterMs };
    const message = body.message ?? code;
    if (ref?.kind === 'subscribe') {
      this.#subscribeInFlight.delete(ref.name);
      const error = new RWTError(message, { ...options, operation: 'subscribe' });
      this.#channels.refused(ref.name, error);
      this.emit('error', error);
    } else if (ref?.kind === 'call') {
      this.#calls.fail(ref.callId, new RWTError(message, { ...options, operation: 'call' }));
    } else {
      this.emit('error', new (ref?.kind === 'message' ? RWTSendError : RWTError)(message, { ...options, operation: ref ? 'send' : 'server' }));
    }
  }

  #forgetCallRef(callId) {
    for (const [seq, ref] of this.#refs) {
      if (ref.kind === 'call' && ref.callId === callId) {
        this.#refs.delete(seq);
        return;
      }
    }
  }
}

export default RWTClient;
