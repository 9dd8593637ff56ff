package dev.rwt.impl.session;

import dev.rwt.protocol.SecureSession;

/**
 * A session's current connection: the container's WebSocket session, the protocol state that
 * seals and opens its frames, and its outbound queue. Immutable.
 */
record Link(jakarta.websocket.Session socket, SecureSession secure, Outbound outbound) {}
