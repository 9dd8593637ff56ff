// Type declarations for @rwt/client (RWT/1 client for browsers and Node 20+).

/** WebSocket close codes and the RWT/1 codes (PROTOCOL.md section 8). */
export declare const CloseCode: Readonly<{
  NORMAL: 1000;
  GOING_AWAY: 1001;
  ABNORMAL: 1006;
  PROTOCOL: 4000;
  UNAUTHENTICATED: 4001;
  HEARTBEAT: 4002;
  FORBIDDEN: 4003;
  RESUME_FAILED: 4004;
  SLOW_CONSUMER: 4008;
  TOO_LARGE: 4009;
  BAD_TOKEN: 4010;
  REPLAY: 4011;
}>;

/** RWT/1 frame types (PROTOCOL.md section 3). */
export declare const FrameType: Readonly<{
  HELLO: 0x01; WELCOME: 0x02; SUBSCRIBE: 0x03; SUBSCRIBED: 0x04; UNSUBSCRIBE: 0x05; UNSUBSCRIBED: 0x06;
  REFRESH: 0x07; REFRESHED: 0x08; BATCH: 0x0f; MESSAGE: 0x10; ACK: 0x11; CALL: 0x20; RESULT: 0x21;
  PING: 0x30; PONG: 0x31; ERROR: 0x3f;
}>;

/** The WebSocket subprotocol, "rwt.v1". */
export declare const SUBPROTOCOL: 'rwt.v1';
/** Value sent as HELLO.client unless options.clientName says otherwise. */
export declare const CLIENT_NAME: string;

export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RWTErrorOptions {
  code?: string;
  operation?: string;
  details?: unknown;
  retryAfterMs?: number;
  closeCode?: number;
  cause?: unknown;
}

/** Base of every error the client reports. `code` is a stable string (e.g. FORBIDDEN, TIMEOUT). */
export declare class RWTError extends Error {
  constructor(message: string, options?: RWTErrorOptions);
  readonly code: string;
  /** What was being done: 'connect', 'send', 'call', 'subscribe', 'handshake', ... */
  readonly operation: string | null;
  readonly details: any;
  /** Set when the server asked to wait (RATE_LIMITED). */
  readonly retryAfterMs: number | null;
  /** The WebSocket close code that came with the error, if any. */
  readonly closeCode: number | null;
  /** Whether the same operation may succeed later. */
  canRetry(): boolean;
}
/** Connecting failed or the connection was lost (codes CONNECT_FAILED, CONNECTION_LOST, NOT_CONNECTED, CONTINUITY_LOST, RESUME_FAILED, RECONNECT_FAILED, CLOSED, ...). */
export declare class RWTConnectionError extends RWTError {}
/** The application token was refused or expired (close 4001), or the principal is forbidden. */
export declare class RWTAuthenticationError extends RWTError {}
/** A message could not be sent (TOO_LARGE, BUFFER_FULL, or an ERROR about a sent frame). */
export declare class RWTSendError extends RWTError {}
/** A call, a handshake or waitForMessage took too long. */
export declare class RWTTimeoutError extends RWTError {}
/** Server identity or signature problems (BAD_SIGNATURE, IDENTITY_MISMATCH, IDENTITY_REQUIRED, IDENTITY_REJECTED). */
export declare class RWTEncryptionError extends RWTError {}
/** The peer broke RWT/1; closeCode is 4000-4011. */
export declare class RWTProtocolError extends RWTError {
  constructor(closeCode: number, message: string, options?: RWTErrorOptions);
  readonly closeCode: number;
}

/** d(epoch) in ms for a custom rotation pattern the server names in WELCOME.rotation.pattern. */
export type RotationDuration = (epoch: number, intervalMs: number) => number;
export type TokenRotator =
  | { name: string; duration: RotationDuration }
  | (RotationDuration & { rotatorName?: string });

export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: any) => void) | null;
  onmessage: ((event: { data: any }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: any) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface ReconnectionOptions {
  /** Reconnect after a drop (default true). */
  enabled?: boolean;
  /** Attempts before giving up (default 10). */
  maxAttempts?: number;
  /** First delay in ms (default 500). */
  baseDelay?: number;
  /** Delay cap in ms (default 30000). */
  maxDelay?: number;
  /** Growth per attempt (default 2). */
  backoffFactor?: number;
  /** Relative random spread 0..1 (default 0.3). */
  jitter?: number;
  /** Resume the session with HELLO.resume (default true); false starts fresh sessions. */
  preserveSession?: boolean;
}

export interface TokenRotationOptions {
  /** Fraction of the application token's remaining lifetime after which REFRESH is sent (default 0.8). */
  renewThreshold?: number;
  /** Supplies fresh application tokens; same as passing a function as authToken. */
  tokenProvider?: () => string | Promise<string>;
}

export interface EncryptionOptions {
  /** Encrypt payloads (ENC, AES-256-GCM) by default (default true). Unencrypted frames are still authenticated. */
  enabled?: boolean;
  /** compress: 'auto' deflates payloads of at least this many bytes (default 1024). */
  compressThreshold?: number;
}

export interface ServerIdentityInfo {
  /** 65-byte uncompressed P-256 key from WELCOME, or null when the server sent none. */
  identity: Uint8Array | null;
  /** SHA-256 of the identity, hex. */
  fingerprint: string | null;
  /** Whether WELCOME carried a signature (which then verified). */
  signed: boolean;
  sessionId: string;
}

export interface E2EOptions {
  /** Pin the server key: 65 bytes, hex or base64url. */
  identity?: Bytes | string;
  /** Pin SHA-256 of the server key: 32 bytes, hex (colons allowed) or base64url. */
  fingerprint?: Bytes | string;
  /** Called on every handshake; return false to refuse the server. */
  verificationCallback?: (info: ServerIdentityInfo) => boolean | Promise<boolean>;
}

export interface RWTClientOptions {
  /** wss://host/rwt; defaults to the page's origin + /rwt in browsers. */
  endpoint?: string;
  /** Application token, or a function returning one (called on every connect and renewal). */
  authToken: string | (() => string | Promise<string>);
  /** Pre-shared rotation key from the authenticator ('' when none). */
  rotationKey?: string;
  /** Channels to subscribe on connect. */
  channels?: string[];
  /** Named groups of channels for subscribeGroup/onGroup. */
  channelGroups?: Record<string, string[]>;
  /** Custom rotation patterns, by name. */
  tokenRotator?: TokenRotator | TokenRotator[] | Record<string, RotationDuration>;
  /** WebSocket constructor; required in Node (e.g. `import { WebSocket } from 'ws'`). */
  WebSocket?: WebSocketConstructor;
  /** HELLO.client (default 'rwt-js/<version>'). */
  clientName?: string;
  /** Handshake timeout in ms (default 15000). */
  connectTimeout?: number;
  /** Bytes of unacknowledged reliable frames kept for resume (default 4 MiB). */
  maxBufferedBytes?: number;
  /**
   * Natural batching (default true): frames that pile up while earlier ones are still being
   * sealed or written leave together as one BATCH message; a frame sent when nothing else is
   * waiting leaves at once, alone. false sends every frame as its own WebSocket message (for
   * reading traffic while debugging).
   */
  batching?: boolean;
  reconnection?: ReconnectionOptions;
  encryption?: EncryptionOptions;
  tokenRotation?: TokenRotationOptions;
}

export interface ConnectOptions {
  timeout?: number;
  authToken?: string | (() => string | Promise<string>);
}

export interface ConnectInfo {
  sessionId: string;
  resumed: boolean;
  continuityLost: boolean;
  heartbeatMs: number;
  maxFrameBytes: number;
  authExp: number | null;
  fingerprint: string | null;
  rotation: { pattern: string; intervalMs: number; start: number };
}

export type Priority = 'high' | 'normal' | 'low';

export interface SendOptions {
  /** Channel name; omitted or null sends a direct message to the server (channel 0). */
  channel?: string | null;
  /** Default: configureEncryption().enabled. */
  encrypt?: boolean;
  /** true, false or 'auto' (default: deflate unencrypted payloads at or above compressThreshold; never encrypted ones). */
  compress?: boolean | 'auto';
  /** Order of queued sends while (re)connecting. */
  priority?: Priority;
  /** META object sent before the payload. */
  meta?: Record<string, Json>;
}

export interface SendResult {
  seq: number;
  channel: string | null;
  bytes: number;
  encrypted: boolean;
  compressed: boolean;
}

export interface RWTMessage<T = any> {
  /** Channel name, or null for a direct message from the server. */
  channel: string | null;
  channelId: number;
  /** Parsed JSON, or the bytes of a binary message. */
  data: T;
  binary: boolean;
  meta: { from?: string | null; id?: string; ts?: number; [key: string]: any } | null;
  from: string | null;
  id: string | null;
  ts: number | null;
  seq: number;
  encrypted: boolean;
  compressed: boolean;
  receivedAt: number;
}

/** A predicate, a channel name, or fields that must match (type matches data.type). */
export type MessageFilter =
  | ((message: RWTMessage) => boolean)
  | string
  | { channel?: string | null; from?: string | null; id?: string; type?: string; encrypted?: boolean; binary?: boolean }
  | null
  | undefined;

export interface CallOptions {
  /** ms (default 30000). */
  timeout?: number;
  encrypt?: boolean;
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed';

export interface RWTStatus {
  state: ConnectionState;
  connected: boolean;
  sessionId: string | null;
  /** Round trip of the last PING/PONG, ms. */
  latency: number | null;
  /** ms since the current connection opened. */
  uptime: number;
  epoch: number;
  /** Epoch changes seen (each one rotates the per-frame token and keys). */
  tokenRotations: number;
  /** Compressed / original bytes over the messages this client deflated (1 when none). */
  compressionRatio: number;
  reconnects: number;
  reconnectAttempt: number;
  resumed: boolean;
  /** true once a reconnect could not resume the session (frames may have been lost). */
  continuityLost: boolean;
  subscriptions: string[];
  pendingCalls: number;
  unackedFrames: number;
  queuedSends: number;
  lastReceivedSeq: number;
  messagesSent: number;
  messagesReceived: number;
  duplicatesDropped: number;
  authExp: number | null;
  serverFingerprint: string | null;
  encryption: boolean;
  /** The error that ended the session (e.g. RWTAuthenticationError for 4001/4003), or null. */
  lastError: RWTError | null;
}

export interface DisconnectEvent {
  code: number;
  reason: string;
  willReconnect: boolean;
  intentional?: boolean;
  error: RWTError | null;
}

export interface RWTEvents {
  connect: (info: ConnectInfo) => void;
  reconnect: (info: ConnectInfo & { attempt: number }) => void;
  disconnect: (event: DisconnectEvent) => void;
  message: (message: RWTMessage) => void;
  error: (error: RWTError) => void;
  send: (info: SendResult) => void;
  /** The shared epoch advanced: new per-frame tokens and keys. */
  'token-rotate': (event: { epoch: number; previousEpoch: number }) => void;
  /** Fresh session keys from a handshake or resume. */
  'key-rotate': (event: { reason: 'handshake' | 'resume'; sessionId: string; epoch: number }) => void;
  'security-warning': (warning: { code: string; message: string; [key: string]: any }) => void;
  /** A reconnect got a new session: unacknowledged frames and calls in flight may be lost. */
  'continuity-lost': (event: { resumeRequested: boolean; lostFrames: number; previousSession: string; session: string }) => void;
  /** REFRESHED: the application token was renewed. */
  'auth-refresh': (event: { authExp: number | null }) => void;
  /**
   * The token function threw or rejected while renewing. The connection stays on the old token;
   * the function is asked again after retryInMs (1 s, 2 s, 4 s ... 30 s) while a retry fits before
   * authExp. Past authExp the server closes 4001 and the client ends with RWTAuthenticationError.
   */
  'auth-refresh-failed': (event: { attempt: number; error: RWTError; willRetry: boolean; retryInMs: number | null; authExp: number | null }) => void;
  subscribed: (event: { channel: string; id: number }) => void;
  unsubscribed: (event: { channel: string; id: number; reason: string | null }) => void;
}

export declare class RWTChannel {
  readonly name: string;
  open(): Promise<number>;
  close(): Promise<void>;
  isActive(): boolean;
  send(data: any, options?: Omit<SendOptions, 'channel'>): Promise<SendResult>;
  sendBinary(bytes: Bytes, options?: Omit<SendOptions, 'channel'>): Promise<SendResult>;
  onMessage(callback: (message: RWTMessage) => void): () => void;
  onMessage(filter: MessageFilter, callback: (message: RWTMessage) => void): () => void;
  waitForMessage(filter?: MessageFilter, timeout?: number): Promise<RWTMessage>;
}

export declare class RWTClient {
  constructor(options: RWTClientOptions);

  connect(options?: ConnectOptions): Promise<ConnectInfo>;
  /** Ends the session (close 1000). */
  disconnect(reason?: string): Promise<void>;

  send(channel: string, data: any, options?: Omit<SendOptions, 'channel'>): Promise<SendResult>;
  send(data: any, options?: SendOptions): Promise<SendResult>;
  sendBinary(channel: string | null, bytes: Bytes, options?: Omit<SendOptions, 'channel'>): Promise<SendResult>;
  call<T = any>(method: string, params?: any, options?: CallOptions): Promise<T>;

  subscribe(channel: string, options?: { token?: string }): Promise<number>;
  unsubscribe(channel: string): Promise<void>;
  isSubscribed(channel: string): boolean;
  createChannel(name: string, options?: { token?: string }): RWTChannel;
  subscribeGroup(group: string, channels?: string[]): Promise<number[]>;
  onGroup(group: string, callback: (message: RWTMessage, group: string) => void): () => void;

  onMessage(callback: (message: RWTMessage) => void): () => void;
  onMessage(filter: MessageFilter, callback: (message: RWTMessage) => void): () => void;
  waitForMessage(filter?: MessageFilter, channel?: string | null, timeout?: number): Promise<RWTMessage>;

  on<E extends keyof RWTEvents>(event: E, listener: RWTEvents[E]): () => void;
  on(event: `message:${string}`, listener: (message: RWTMessage) => void): () => void;
  once<E extends keyof RWTEvents>(event: E, listener: RWTEvents[E]): () => void;
  once(event: `message:${string}`, listener: (message: RWTMessage) => void): () => void;
  off(event: string, listener: (...args: any[]) => void): void;
  offAll(event?: string): void;

  configureReconnection(options: ReconnectionOptions): this;
  configureTokenRotation(options: TokenRotationOptions): this;
  configureEncryption(options: EncryptionOptions): this;
  enableE2E(options: E2EOptions): this;
  getStatus(): RWTStatus;
}

export default RWTClient;
