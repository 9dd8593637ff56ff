package dev.rwt.client;

/**
 * Where the client is in its lifecycle (the same states as the browser client):
 *
 * <pre>
 * IDLE --connect()--> CONNECTING --WELCOME--> OPEN --drop--> RECONNECTING --WELCOME--> OPEN ...
 *                         |                     |                 |
 *                         +-- failure --> IDLE  +--disconnect()--> CLOSING --> CLOSED
 *                                               +-- fatal close / gave up -----------> CLOSED
 * </pre>
 *
 * In the terms: {@code OPEN} is "connected"; {@code CONNECTING} and
 * {@code RECONNECTING} are "connecting"; {@code IDLE}, {@code CLOSING} and {@code CLOSED} are
 * "disconnected"; a {@code CLOSED} client with {@link ClientStatus#lastError()} is "error".
 * A closed client may {@code connect()} again (a new session).
 */
public enum ConnectionState {
  IDLE,
  CONNECTING,
  OPEN,
  RECONNECTING,
  CLOSING,
  CLOSED;

  /** Whether frames can be sent right now. */
  public boolean isConnected() {
    return this == OPEN;
  }
}
