// Error types. Every failure the client reports is an RWTError carrying a stable code
// string, the operation that failed and, for protocol violations, the close code.

import { CloseCode, CLOSE_CODE_NAMES } from './wire.js';

const RETRYABLE_CODES = new Set([
  'RATE_LIMITED', 'TOO_MANY_CALLS', 'INTERNAL', 'TIMEOUT', 'GOING_AWAY', 'HEARTBEAT',
  'CONNECTION_LOST', 'NOT_CONNECTED', 'CONNECT_FAILED', 'CONTINUITY_LOST', 'SLOW_CONSUMER',
]);

export class RWTError extends Error {
  /**
   * @param {string} message
   * @param {{code?: string, operation?: string, details?: any, retryAfterMs?: number,
   *          closeCode?: number, cause?: unknown}} [options]
   */
  constructor(message, options = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'RWT_ERROR';
    this.operation = options.operation ?? null;
    this.details = options.details ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.closeCode = options.closeCode ?? null;
  }

  /** Whether trying the same operation again later can succeed. */
  canRetry() {
    return this.retryAfterMs != null || RETRYABLE_CODES.has(this.code);
  }
}

export class RWTConnectionError extends RWTError {
  constructor(message, options = {}) {
    super(message, { code: 'CONNECTION_LOST', ...options });
  }
}

export class RWTAuthenticationError extends RWTError {
  constructor(message, options = {}) {
    super(message, { code: 'UNAUTHENTICATED', ...options });
  }

  canRetry() {
    return false;
  }
}

export class RWTSendError extends RWTError {
  constructor(message, options = {}) {
    super(message, { code: 'SEND_FAILED', ...options });
  }
}

export class RWTTimeoutError extends RWTError {
  constructor(message, options = {}) {
    super(message, { code: 'TIMEOUT', ...options });
  }

  canRetry() {
    return true;
  }
}

export class RWTEncryptionError extends RWTError {
  constructor(message, options = {}) {
    super(message, { code: 'ENCRYPTION', ...options });
  }

  canRetry() {
    return false;
  }
}

/** A violation of RWT/1 by the peer; closeCode says how the connection must be closed. */
export class RWTProtocolError extends RWTError {
  constructor(closeCode, message, options = {}) {
    super(message, { code: CLOSE_CODE_NAMES[closeCode] ?? 'PROTOCOL', closeCode, ...options });
  }

  canRetry() {
    return false;
  }
}

export function protocolViolation(message) {
  return new RWTProtocolError(CloseCode.PROTOCOL, message);
}

export function badToken(message) {
  return new RWTProtocolError(CloseCode.BAD_TOKEN, message);
}

export function replay(message) {
  return new RWTProtocolError(CloseCode.REPLAY, message);
}

export function tooLarge(message) {
  return new RWTProtocolError(CloseCode.TOO_LARGE, message);
}
