// One WebSocket carrying one RWT connection: HELLO/WELCOME, then a SecureSession for the
// frames, PING/PONG and the 2 x heartbeat watchdog. Everything that lives longer than one
// socket (seqs, kept frames, subscriptions) belongs to the caller.
//
// Incoming messages go through one serial queue and none is ever dropped: a message that
// arrives while a browser tab sleeps is handled when the queue gets to it.
//
// Outgoing frames batch naturally, through an Outbox (outbox.js says when a frame leaves).

import { planMessages } from './batch.js';
import { toBytes, u64Bytes } from './bytes.js';
import {
  RWTAuthenticationError, RWTConnectionError, RWTError, RWTProtocolError, RWTTimeoutError, protocolViolation,
} from './errors.js';
import { Outbox } from './outbox.js';
import { RotationSchedule } from './rotation.js';
import { SecureSession } from './secure-session.js';
import { SerialQueue } from './serial-queue.js';
import { CloseCode, FRAME_OVERHEAD, FrameType, SUBPROTOCOL } from './wire.js';

const OPEN = 1;
// what one BATCH carries at most (less when the server's maxFrameBytes is smaller)
const MAX_BATCH_BYTES = 64 * 1024;

/** Maps a close before or during the handshake to the error the caller sees. */
export function closeError(code, reason, operation) {
  const options = { closeCode: code, operation, details: { code, reason } };
  if (code === CloseCode.UNAUTHENTICATED) return new RWTAuthenticationError(reason || 'authentication failed', options);
  if (code === CloseCode.RESUME_FAILED) return new RWTConnectionError(reason || 'resume refused', { ...options, code: 'RESUME_FAILED' });
  if (code === CloseCode.FORBIDDEN) return new RWTAuthenticationError(reason || 'forbidden', { ...options, code: 'FORBIDDEN' });
  return new RWTConnectionError(`connection closed (${code}${reason ? `: ${reason}` : ''})`, { ...options, code: 'CONNECT_FAILED' });
}

export class Connection {
  #WebSocket;
  #url;
  #clock;
  #hooks;
  #ws = null;
  #session = null;
  #schedule = null;
  #offset = 0;
  #inbound = new SerialQueue();
  #closed = false;
  #handshake = null;
  #sentAt = 0;
  #lastReceivedAt = 0;
  #heartbeatTimer = null;
  #welcome = null; // {resolve, reject}
  #outbox;

  /**
   * @param {object} o
   * @param {string} o.url @param {Function} o.WebSocket constructor (browser global or e.g. the `ws` package)
   * @param {() => number} [o.clock] local unix ms
   * @param {object} o.hooks { prepare(result) -> {nextSeq}, frame(opened), closed(info), latency(ms) }
   * @param {Map<string, Function>} [o.rotators] custom rotation patterns
   * @param {object} [o.pin] IdentityPin
   * @param {boolean} [o.batching] false: every frame leaves alone, as it is sealed
   */
  constructor({ url, WebSocket, clock = Date.now, hooks, rotators, pin, batching = true }) {
    this.#outbox = new Outbox({
      transmit: (bytes) => this.transmit(bytes),
      busy: () => (this.#ws?.bufferedAmount ?? 0) > 0,
      limitBytes: () => Math.min(MAX_BATCH_BYTES, this.#maxMessageBytes()),
      msLeftInEpoch: (epoch) => this.#msLeftInEpoch(epoch),
      enabled: batching,
    });
    this.#url = url;
    this.#WebSocket = WebSocket;
    this.#clock = clock;
    this.#hooks = hooks;
    this.rotators = rotators;
    this.pin = pin;
  }

  get session() {
    return this.#session;
  }

  get schedule() {
    return this.#schedule;
  }

  get isOpen() {
    return !this.#closed && this.#session !== null && this.#ws?.readyState === OPEN;
  }

  /** Unix ms on the server's clock (local clock + offset learned from WELCOME.time). */
  serverNow() {
    return this.#clock() + this.#offset;
  }

  /**
   * Opens the socket, sends HELLO and resolves with the handshake result once WELCOME
   * has verified and the session is ready.
   */
  open(handshake, { timeoutMs = 15000 } = {}) {
    this.#handshake = handshake;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#failHandshake(
        new RWTTimeoutError(`no WELCOME within ${timeoutMs} ms`, { operation: 'connect' })), timeoutMs);
      this.#welcome = {
        resolve: (value) => { clearTimeout(timer); resolve(value); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      };
      let ws;
      try {
        ws = new this.#WebSocket(this.#url, [SUBPROTOCOL]);
      } catch (cause) {
        this.#failHandshake(new RWTConnectionError(`cannot open ${this.#url}`, { code: 'CONNECT_FAILED', operation: 'connect', cause }));
        return;
      }
      this.#ws = ws;
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => {
        this.#sentAt = this.#clock();
        ws.send(handshake.hello);
      };
      ws.onmessage = (event) => {
        const receivedAt = this.#clock();
        this.#inbound.run(() => this.#receive(event.data, receivedAt)).catch((error) => this.#fail(error));
      };
      ws.onerror = () => {};
      ws.onclose = (event) => this.#onSocketClose(event.code ?? CloseCode.ABNORMAL, event.reason ?? '');
    });
  }

  /**
   * Seals and transmits a frame, alone or in a BATCH (outbox.js says which); resolves
   * once its bytes were handed to the socket. `onSealed` runs before the bytes leave, so a
   * reliable frame is kept even when the socket dies under it. Frames leave in seq order.
   */
  async send(spec, onSealed) {
    if (!this.#session || this.#closed) throw new RWTConnectionError('not connected', { code: 'NOT_CONNECTED', operation: 'send' });
    this.#outbox.requested();
    let sealed;
    try {
      sealed = await this.#session.seal(spec);
      onSealed?.(sealed);
    } catch (error) {
      this.#outbox.sealFailed();
      throw error;
    }
    await this.#outbox.post(sealed.bytes, sealed.epoch);
    return sealed;
  }

  /** Re-seals kept frames with their original seqs and sends them, batched (section 6). */
  async resend(records) {
    if (records.length === 0) return 0;
    const sealed = await Promise.all(records.map((record) => this.#session.reseal(record)));
    for (const message of planMessages(sealed, this.#maxMessageBytes())) this.transmit(message);
    return records.length;
  }

  /** How long frames of `epoch` may still wait before their epoch ends (0 when it has). */
  #msLeftInEpoch(epoch) {
    const now = this.serverNow();
    if (this.#schedule.epochAt(now) > epoch) return 0;
    return Math.max(0, this.#schedule.nextBoundaryAfter(now) - now);
  }

  #maxMessageBytes() {
    return this.#session.maxFrameBytes + FRAME_OVERHEAD;
  }

  transmit(bytes) {
    if (this.#closed || this.#ws?.readyState !== OPEN) {
      throw new RWTConnectionError('not connected', { code: 'NOT_CONNECTED', operation: 'send' });
    }
    this.#ws.send(bytes);
  }

  /** Sends a PING carrying the local time; the PONG gives the round trip. */
  ping() {
    return this.send({ type: FrameType.PING, payload: u64Bytes(this.#clock()) });
  }

  /** Closes the socket; `closed` is reported once, with initiatedByClient. */
  close(code = CloseCode.NORMAL, reason = '', error = null) {
    if (this.#closed) return;
    if (this.#ws?.readyState === OPEN) this.#outbox.flush(); // what was sealed leaves before the close frame
    try {
      this.#ws?.close(code, reason);
    } catch {
      // a socket that is already gone has nothing to close
    }
    this.#finish({ code, reason, error, initiatedByClient: true });
  }

  async #receive(data, receivedAt) {
    if (this.#closed) return;
    if (typeof data === 'string') throw protocolViolation('text message');
    const bytes = typeof data?.arrayBuffer === 'function' && !(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)
      ? new Uint8Array(await data.arrayBuffer())
      : toBytes(data);
    this.#lastReceivedAt = this.#clock();
    if (this.#session === null) {
      await this.#acceptWelcome(bytes);
      return;
    }
    // judged as of its arrival (the offset is read now: it is set by the WELCOME before this)
    const { frames, error } = await this.#session.open(bytes, receivedAt + this.#offset);
    for (const frame of frames) this.#dispatch(frame);
    if (error) throw error;
  }

  async #acceptWelcome(bytes) {
    const result = await this.#handshake.acceptWelcome(bytes, {
      sentAt: this.#sentAt, receivedAt: this.#clock(), pin: this.pin,
    });
    try {
      this.#schedule = new RotationSchedule(result.rotation, this.rotators);
      this.#schedule.epochAt(this.#clock() + result.clockOffsetMs);
    } catch (cause) {
      throw new RWTConnectionError(`rotation schedule refused: ${cause.message}`, {
        code: 'BAD_ROTATION', operation: 'connect', closeCode: CloseCode.NORMAL, cause,
      });
    }
    this.#offset = result.clockOffsetMs;
    const { nextSeq, resend = [] } = await this.#hooks.prepare(result);
    this.#session = new SecureSession({
      role: 'client',
      c2s0: result.c2s0,
      s2c0: result.s2c0,
      schedule: this.#schedule,
      now: () => this.serverNow(),
      maxFrameBytes: result.maxFrameBytes,
      nextSeq,
    });
    result.c2s0.fill(0);
    result.s2c0.fill(0);
    await this.resend(resend);
    this.#startHeartbeat(result.heartbeatMs);
    const welcome = this.#welcome;
    this.#welcome = null;
    welcome.resolve(result);
  }

  #dispatch(frame) {
    if (frame.type === FrameType.PING) {
      this.send({ type: FrameType.PONG, payload: frame.payload }).catch(() => {});
    } else if (frame.type === FrameType.PONG && frame.value >= 0) {
      this.#hooks.latency?.(Math.max(0, this.#clock() - frame.value));
    }
    this.#hooks.frame(frame);
  }

  #startHeartbeat(heartbeatMs) {
    if (!(heartbeatMs > 0)) return;
    this.#heartbeatTimer = setInterval(() => {
      if (this.#clock() - this.#lastReceivedAt > 2 * heartbeatMs) {
        this.#fail(new RWTProtocolError(CloseCode.HEARTBEAT, `no frame from the server for ${2 * heartbeatMs} ms`));
        return;
      }
      this.ping().catch(() => {});
    }, heartbeatMs);
  }

  /** A failure we detected: close with its code (4000-4011), or 1000 for a refused identity. */
  #fail(error) {
    if (this.#closed) return;
    const wrapped = error instanceof RWTError ? error
      : new RWTConnectionError(`connection failed: ${error?.message ?? error}`, { code: 'INTERNAL', cause: error });
    const code = wrapped.closeCode ?? CloseCode.NORMAL;
    if (this.#welcome) {
      this.#failHandshake(wrapped, code);
      return;
    }
    this.close(code, wrapped.code, wrapped);
  }

  #failHandshake(error, code = CloseCode.NORMAL) {
    const welcome = this.#welcome;
    this.#welcome = null;
    this.#closed = true;
    this.#stopTimers();
    this.#outbox.drop(new RWTConnectionError('not connected', { code: 'NOT_CONNECTED', operation: 'send' }));
    try {
      this.#ws?.close(code, error.code ?? '');
    } catch {
      // nothing left to close
    }
    this.#session?.destroy();
    welcome?.reject(error);
  }

  #onSocketClose(code, reason) {
    if (this.#welcome) {
      this.#failHandshake(closeError(code, reason, 'connect'), code);
      return;
    }
    this.#finish({ code, reason, error: null, initiatedByClient: false });
  }

  #finish(info) {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopTimers();
    this.#outbox.drop(new RWTConnectionError('not connected', { code: 'NOT_CONNECTED', operation: 'send' }));
    this.#session?.destroy();
    this.#hooks.closed(info);
  }

  #stopTimers() {
    if (this.#heartbeatTimer !== null) clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = null;
  }
}
