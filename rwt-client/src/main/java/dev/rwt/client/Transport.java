package dev.rwt.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket, reduced to what the client needs: non-blocking sends of binary messages, one
 * at a time, close, abort. Implementations must call the {@link Listener} for one socket from
 * one thread at a time, in order, and report the end exactly once. Queueing, batching and
 * sealing are the caller's ({@link SendQueue}).
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

  /**
   * Starts writing one message; never blocks. The caller sends the next message only after
   * the returned stage completed. It fails when the socket is closed or the write failed.
   */
  CompletionStage<?> send(byte[] message);

  /** Sends a close frame, then drops the socket shortly after if the peer does not answer. */
  void close(int code, String reason);

  /** Drops the socket at once. */
  void abort();
}
