// An in-process RWT server for client tests, built from the client's own protocol
// modules and connected through an in-memory WebSocket-like pipe (no network).

import { AckScheduler } from '../src/delivery.js';
import { constantTimeEqual, u64Bytes } from '../src/bytes.js';
import { unpackBatch } from '../src/batch.js';
import { decodeFrame } from '../src/frame.js';
import { encodeJson } from '../src/json.js';
import { resumeProof } from '../src/key-schedule.js';
import { RotationSchedule } from '../src/rotation.js';
import { SecureSession } from '../src/secure-session.js';
import { FrameType, RELIABLE_TYPES } from '../src/wire.js';
import { buildWelcome, parseHello } from './server-role.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/** The client's end of the pipe; shaped like the browser WebSocket. */
class PipeSocket {
  constructor(server, url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.protocol = 'rwt.v1';
    this.readyState = CONNECTING;
    this.binaryType = 'blob';
    this.onopen = null;
    this.onmessage = null;
    this.onclose = null;
    this.onerror = null;
    this.peer = server.accept(this);
    setImmediate(() => {
      if (this.readyState !== CONNECTING) return;
      if (server.refuseConnections) {
        this.readyState = CLOSED;
        this.onclose?.({ code: 1006, reason: '', wasClean: false });
        return;
      }
      this.readyState = OPEN;
      this.onopen?.({});
    });
  }

  send(data) {
    if (this.readyState !== OPEN) throw new Error('socket not open');
    const bytes = Uint8Array.from(data);
    setImmediate(() => this.peer.receive(bytes));
  }

  close(code = 1000, reason = '') {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    setImmediate(() => {
      this.peer.clientClosed(code, reason);
      this.onclose?.({ code, reason, wasClean: true });
    });
  }

  /** Server -> client. */
  deliver(bytes) {
    if (this.readyState !== OPEN) return;
    const copy = Uint8Array.from(bytes);
    setImmediate(() => {
      if (this.readyState === OPEN) this.onmessage?.({ data: copy.buffer });
    });
  }

  /** The server closes, or the network drops (code 1006, no close frame). */
  serverClose(code, reason = '') {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    setImmediate(() => this.onclose?.({ code, reason, wasClean: code !== 1006 }));
  }
}

/** Session state the server keeps across connections (for resume). */
class ServerSession {
  constructor(id, principal) {
    this.id = id;
    this.principal = principal;
    this.resumeKey = null;
    this.nextSeq = 1;
    this.lastRecvSeq = 0;
    this.kept = new Map();
    this.channels = new Map(); // name -> id
    this.nextChannelId = 1;
    this.connection = null;
  }
}

class ServerConnection {
  constructor(server, socket) {
    this.server = server;
    this.socket = socket;
    this.session = null;
    this.secure = null;
    this.closed = false;
    this.queue = Promise.resolve();
    this.acks = null;
    this.grant = null; // {principal, authExp, channels}: what the current token allows
    this.expiry = null;
  }

  receive(bytes) {
    const receivedAt = this.server.clock();
    this.queue = this.queue.then(() => this.#handle(bytes, receivedAt)).catch((error) => this.server.errors.push(error));
  }

  async #handle(bytes, receivedAt) {
    if (this.closed) return;
    if (this.server.blackhole) return; // lost in transit
    if (!this.secure) return this.#hello(bytes);
    const entries = bytes[1] === FrameType.BATCH ? unpackBatch(decodeFrame(bytes)).map(decodeFrame) : [decodeFrame(bytes)];
    this.server.messagesIn.push({ type: bytes[1], length: bytes.length, epochs: entries.map((f) => f.epoch) });
    const { frames, error } = await this.secure.open(bytes, receivedAt);
    for (const frame of frames) await this.#frame(frame);
    if (error) this.close(error.closeCode, error.code);
  }

  async #hello(bytes) {
    const hello = parseHello(bytes);
    const server = this.server;
    const grant = server.grantFor(hello.auth);
    if (!grant) return this.close(4001, 'bad auth');
    const { principal } = grant;
    let session = null;
    let previousResumeKey = null;
    if (hello.resume) {
      const known = server.sessions.get(hello.resume.session);
      if (known) {
        if (known.principal !== principal) return this.close(4004, 'another principal');
        const proof = await resumeProof(known.resumeKey, hello.nonce);
        if (!constantTimeEqual(proof, hello.resume.proof)) return this.close(4004, 'bad resume proof');
        session = known;
        previousResumeKey = known.resumeKey;
        session.connection?.close(1001, 'moved');
      }
    }
    const resumed = session !== null;
    if (!session) {
      session = new ServerSession(`s-${++server.sessionCounter}`, principal);
      server.sessions.set(session.id, session);
    }
    const now = server.clock();
    const welcome = await buildWelcome({
      hello, rotationKey: server.rotationKey, previousResumeKey, session: session.id, time: now,
      rotation: server.rotation, heartbeatMs: server.heartbeatMs, maxFrameBytes: server.maxFrameBytes,
      resumeTtlMs: 60000, resumed, lastSeq: session.lastRecvSeq, authExp: grant.authExp, identityKey: server.identityKey,
    });
    session.resumeKey = welcome.secrets.resume;
    session.connection = this;
    this.session = session;
    this.#authorize(grant);
    this.secure = new SecureSession({
      role: 'server', c2s0: welcome.secrets.c2s0, s2c0: welcome.secrets.s2c0,
      schedule: new RotationSchedule(server.rotation), now: server.clock, maxFrameBytes: server.maxFrameBytes,
      nextSeq: session.nextSeq,
    });
    this.acks = new AckScheduler((seq) => this.send({ type: FrameType.ACK, payload: u64Bytes(seq) }));
    this.socket.deliver(welcome.bytes);
    server.handshakes.push({ resumed, hello: hello.json, session: session.id });
    if (resumed) {
      const lastSeq = hello.resume.lastSeq;
      for (const seq of [...session.kept.keys()]) if (seq <= lastSeq && !server.resendEverything) session.kept.delete(seq);
      for (const record of session.kept.values()) this.socket.deliver(await this.secure.reseal(record));
    }
  }

  async #frame(frame) {
    const session = this.session;
    if (frame.seq <= session.lastRecvSeq) {
      this.server.duplicates.push(frame.seq);
      return;
    }
    session.lastRecvSeq = frame.seq;
    this.acks.received(frame.seq, frame.reliable);
    const server = this.server;
    switch (frame.type) {
      case FrameType.SUBSCRIBE: {
        const name = frame.json.channel;
        if (server.forbidden.has(name) || !this.#allows(name)) {
          await this.send({ type: FrameType.ERROR, json: true, payload: encodeJson({ code: 'FORBIDDEN', message: 'no', ref: frame.seq }) });
          break;
        }
        if (!session.channels.has(name)) session.channels.set(name, session.nextChannelId++);
        await this.send({ type: FrameType.SUBSCRIBED, channel: session.channels.get(name), json: true, payload: encodeJson({ channel: name }) });
        break;
      }
      case FrameType.UNSUBSCRIBE:
        for (const [name, id] of session.channels) if (id === frame.channel) session.channels.delete(name);
        break;
      case FrameType.MESSAGE: {
        const name = [...session.channels].find(([, id]) => id === frame.channel)?.[0] ?? null;
        server.received.push({ channel: name, data: frame.json ?? frame.payload, seq: frame.seq, encrypted: frame.encrypted });
        if (name && server.echo) await server.publish(name, { echo: frame.json }, { exclude: null });
        break;
      }
      case FrameType.ACK:
        for (const seq of [...session.kept.keys()]) if (seq <= frame.value) session.kept.delete(seq);
        break;
      case FrameType.CALL: {
        const { id, method, params } = frame.json;
        const reply = method === 'add'
          ? { id, result: params.a + params.b }
          : { id, error: { code: 'NO_SUCH_METHOD', message: `no method ${method}` } };
        const respond = () => this.send({ type: FrameType.RESULT, json: true, encrypt: true, payload: encodeJson(reply) });
        if (params?.delayMs) setTimeout(respond, params.delayMs);
        else await respond();
        break;
      }
      case FrameType.REFRESH: {
        // PROTOCOL.md 4.1: validated like HELLO.auth, then the new permissions apply at once.
        server.refreshes.push(frame.json.auth);
        const grant = server.grantFor(frame.json.auth, { refresh: true });
        if (!grant) return this.close(4001, 'UNAUTHENTICATED');
        if (grant.principal !== session.principal) return this.close(4003, 'FORBIDDEN');
        this.#authorize(grant);
        await this.send({ type: FrameType.REFRESHED, json: true, payload: encodeJson({ authExp: grant.authExp }) });
        for (const [name, id] of [...session.channels]) {
          if (this.#allows(name)) continue;
          session.channels.delete(name);
          await this.send({ type: FrameType.UNSUBSCRIBED, channel: id, json: true, payload: encodeJson({ reason: 'FORBIDDEN' }) });
        }
        break;
      }
      case FrameType.PING:
        await this.send({ type: FrameType.PONG, payload: frame.payload });
        break;
      default:
        break;
    }
  }

  /** Takes the token's grant and closes 4001 "auth expired" at its expiry unless renewed first. */
  #authorize(grant) {
    this.grant = grant;
    clearTimeout(this.expiry);
    this.expiry = null;
    if (grant.authExp == null) return;
    this.expiry = setTimeout(() => this.close(4001, 'auth expired'), Math.max(0, grant.authExp - this.server.clock()));
  }

  #allows(name) {
    return !this.grant?.channels || this.grant.channels.includes(name);
  }

  /** Seals with the session's next seq, keeps reliable frames, delivers unless black-holed. */
  async send(spec) {
    if (!this.secure || this.closed) return;
    const sealed = await this.secure.seal(spec);
    this.session.nextSeq = this.secure.nextSeq;
    if (RELIABLE_TYPES.has(spec.type)) this.session.kept.set(sealed.seq, sealed.record);
    if (!this.server.blackhole) this.socket.deliver(sealed.bytes);
  }

  clientClosed(code) {
    this.closed = true;
    clearTimeout(this.expiry);
    this.acks?.stop();
    if (code === 1000 && this.session) this.server.sessions.delete(this.session.id);
  }

  close(code, reason) {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiry);
    this.server.closes.push({ code, reason });
    this.acks?.stop();
    if (this.session && code !== 1001 && code !== 1006) this.server.sessions.delete(this.session.id);
    this.socket.serverClose(code, reason);
  }
}

export class FakeServer {
  constructor({
    rotation = { pattern: 'fixed', intervalMs: 60000, start: Date.now() }, rotationKey = '', heartbeatMs = 0,
    maxFrameBytes = 1048576, identityKey = null, authExp = null, clock = Date.now,
  } = {}) {
    this.rotation = rotation;
    this.rotationKey = rotationKey;
    this.heartbeatMs = heartbeatMs;
    this.maxFrameBytes = maxFrameBytes;
    this.identityKey = identityKey;
    this.authExp = authExp;
    this.clock = clock;
    this.sessions = new Map();
    this.sessionCounter = 0;
    this.connections = [];
    this.handshakes = [];
    this.received = [];
    this.duplicates = [];
    this.refreshes = [];
    this.errors = [];
    this.forbidden = new Set();
    this.blackhole = false;
    this.echo = false;
    this.resendEverything = false;
    this.refuseConnections = false;
    this.closes = []; // {code, reason} of every close the server made
    // every WebSocket message after HELLO: its type (a frame's or BATCH), length and the epochs of its frames
    this.messagesIn = [];
    // Token -> principal (or null when invalid), or -> {principal, authExp?, channels?} to give
    // the token an expiry and limit the channels it may subscribe to.
    this.authenticate = (token) => (token.startsWith('good') ? 'alice' : null);
    const server = this;
    /** Pass as RWTClient option `WebSocket`. */
    this.WebSocket = class extends PipeSocket {
      constructor(url, protocols) {
        super(server, url, protocols);
      }
    };
  }

  /** What a token allows: {principal, authExp, channels (null: all)}, or null when it is refused. */
  grantFor(token, { refresh = false } = {}) {
    const result = typeof token === 'string' ? this.authenticate(token) : null;
    if (!result) return null;
    const grant = typeof result === 'string' ? { principal: result } : result;
    // A plain principal keeps the configured expiry at the handshake; a renewal of one lasts an hour.
    const authExp = grant.authExp !== undefined ? grant.authExp
      : refresh ? this.clock() + 3600000 : this.authExp;
    return { principal: grant.principal, authExp, channels: grant.channels ?? null };
  }

  accept(socket) {
    const connection = new ServerConnection(this, socket);
    this.connections.push(connection);
    return connection;
  }

  get current() {
    return this.connections.filter((c) => !c.closed && c.secure).at(-1);
  }

  /** MESSAGE with META to every connection subscribed to `name`. */
  async publish(name, data, { from = 'server', binary = false } = {}) {
    for (const connection of this.connections) {
      const id = connection.session?.channels.get(name);
      if (connection.closed || !connection.secure || id === undefined) continue;
      await connection.send({
        type: FrameType.MESSAGE, channel: id, json: !binary, encrypt: true,
        meta: { from, id: `m-${this.sessionCounter}-${Math.random().toString(36).slice(2, 8)}`, ts: this.clock() },
        payload: binary ? data : encodeJson(data),
      });
    }
  }

  /** Sends a direct message (channel 0) to the current connection. */
  direct(data) {
    return this.current.send({ type: FrameType.MESSAGE, channel: 0, json: true, payload: encodeJson(data) });
  }

  /** The network drops: both ends see 1006, the server keeps the session. */
  dropAll() {
    for (const connection of this.connections) {
      if (connection.closed) continue;
      connection.closed = true;
      connection.acks?.stop();
      clearTimeout(connection.expiry);
      connection.socket.serverClose(1006);
    }
  }

  /** Forgets every session (as after resumeTtlMs). */
  forgetSessions() {
    this.sessions.clear();
  }
}

export { decodeFrame };
