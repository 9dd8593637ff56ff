package dev.rwt.client;

import dev.rwt.protocol.ClientHandshake;
import dev.rwt.protocol.SecureSession;
import java.util.concurrent.CompletableFuture;

/**
 * One socket's RWT connection: its handshake, then its {@link SecureSession}. Everything that
 * outlives the socket (seqs, kept frames, subscriptions, calls) belongs to {@link ClientCore}.
 * The transport's callbacks are forwarded to the core with this object as the key, so events
 * of a superseded socket are recognised and ignored.
 *
 * <p>{@link #handshakeDone} completes when the session is ready and fails (once) when the
 * handshake does not finish.
 */
final class Connection implements Transport.Listener {
  final ClientCore core;
  final ClientHandshake handshake;
  final boolean resumeRequested;
  final CompletableFuture<Void> handshakeDone = new CompletableFuture<>();

  private volatile Transport transport;
  private volatile SendQueue sends;
  private volatile SecureSession session;
  private volatile boolean closed;
  volatile long lastHeardMs;

  Connection(ClientCore core, ClientHandshake handshake, boolean resumeRequested) {
    this.core = core;
    this.handshake = handshake;
    this.resumeRequested = resumeRequested;
  }

  /** The socket is open: send HELLO, unless the handshake already failed (timeout). */
  void opened(Transport t) {
    SendQueue q = new SendQueue(t);
    this.transport = t;
    this.sends = q;
    if (handshakeDone.isDone() || closed) {
      q.close();
      t.abort();
      return;
    }
    q.add(SendQueue.ready(handshake.hello()));
  }

  Transport transport() {
    return transport;
  }

  SecureSession session() {
    return session;
  }

  void session(SecureSession s) {
    this.session = s;
  }

  boolean isClosed() {
    return closed;
  }

  /** Marks the connection closed and drops the frames still queued; true the first time. */
  boolean markClosed() {
    SendQueue q = sends;
    if (q != null) {
      q.close();
    }
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /** Lets queued frames leave together in BATCH envelopes of at most this body size. */
  void batchLimit(int maxFrameBytes) {
    SendQueue q = sends;
    if (q != null) {
      q.batchLimit(maxFrameBytes);
    }
  }

  /** Queues {@code frame}, to be sealed when it leaves, if the socket is still ours. */
  void transmit(SendQueue.Frame frame) {
    SendQueue q = sends;
    if (q != null && !closed) {
      q.add(frame);
    }
  }

  /** Closes the socket with a close frame (code 0: just drop it). */
  void closeSocket(int code, String reason) {
    markClosed();
    Transport t = transport;
    if (t == null) {
      return;
    }
    if (code <= 0) {
      t.abort();
    } else {
      t.close(code, reason);
    }
    SecureSession s = session;
    if (s != null) {
      s.destroy();
    }
  }

  /** The handshake failed: drop the socket and report {@code error} (once). */
  void failHandshake(RwtException error, int closeCode) {
    if (handshakeDone.isDone()) {
      return;
    }
    closeSocket(closeCode, error.code());
    handshakeDone.completeExceptionally(error);
  }

  @Override
  public void onMessage(byte[] message) {
    core.onMessage(this, message);
  }

  @Override
  public void onText() {
    core.onViolation(this, new RwtConnectionException("the server sent a text message", "PROTOCOL", "receive",
        null, 4000, null, null));
  }

  @Override
  public void onClosed(int code, String reason) {
    core.onSocketClosed(this, code, reason);
  }
}
