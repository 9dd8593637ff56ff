package dev.rwt.bench.load;

import java.util.concurrent.CompletableFuture;

/** How the load generator talks to one kind of server: a plain WebSocket, Socket.IO or RWT. */
interface Dialect {

  /** What a connection is for: the server side it is routed to. */
  enum Role {
    /** Sends payloads that come back to it. */
    ECHO,
    /** Joins the fan-out group: what one member sends, every other receives. */
    FANOUT,
    /** Only connects (and authenticates); sends nothing. */
    IDLE
  }

  /** Opens one connection, complete once it can send (for RWT: handshake and subscription done). */
  CompletableFuture<Conn> connect(Role role, Conn.Sink sink);

  /** A short name for reports, e.g. "raw", "RWT MAC". */
  String label();
}
