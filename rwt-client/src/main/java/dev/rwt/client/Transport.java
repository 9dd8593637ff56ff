package dev.rwt.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One WebSocket, reduced to what the client needs: ordered non-blocking sends of binary
 * messages, close, abort. Implementations must call the {@link Listener} for one socket from
 * one thread at a time, in order, and report the end exactly once.
 */
interface Transport {

  /** Opens transports. */
  @FunctionalInterface
  interface Factory {
    /** Connects to {@code uri} offering subprotocol {@code rwt.v1}; completes once open. */
    CompletableFuture<Transport> open(URI uri, Listener listener, Duration timeout);
  }

  /** Incoming side. */
  interface Listener {
    /** One complete binary message. */
    void onMessage(byte[] message);

    /** A text message (a protocol violation). */
    void onText();

    /** The socket ended: a close frame from the peer ({@code code}) or a failure (1006). */
    void onClosed(int code, String reason);
  }

  /** Queues one message; never blocks. Dropped silently once closed. */
  void send(byte[] message);

  /** Lets the transport pack queued frames into BATCH envelopes of at most this body size (0: never). */
  void batchLimit(int maxFrameBytes);

  /** Sends a close frame, then drops the socket shortly after if the peer does not answer. */
  void close(int code, String reason);

  /** Drops the socket at once. */
  void abort();
}
