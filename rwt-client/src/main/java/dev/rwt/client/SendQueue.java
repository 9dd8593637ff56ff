package dev.rwt.client;

import dev.rwt.protocol.Batch;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One connection's frames on their way to the socket. The transport takes one message at a
 * time; frames that pile up while a message is in flight leave together as BATCH messages
 * (PROTOCOL.md section 2.1) as soon as the socket is free, never held back to fill one.
 *
 * <p>A frame is sealed when it leaves this queue, not when it joins it: under load a frame may
 * wait here longer than an epoch, and a token sealed at enqueue time could then be outside the
 * server's window when it arrives (4010). Sealed on the way out, its epoch is the one current
 * when it is written. Its seq is fixed when it is queued ({@code Frame} carries it) and frames
 * leave in queue order, so seqs still reach the wire strictly increasing.
 *
 * <p>Thread-safety: the queue is guarded by {@code this}. Only the thread that holds the turn
 * ({@code sending}) seals and writes, outside the lock, so sealing never runs under the
 * queue's lock and never concurrently with another seal of this connection.
 */
final class SendQueue {

  /** A frame waiting to leave, sealed as it does. */
  interface Frame extends Batch.Pending {
    /** Whether it may travel inside a BATCH (every frame but HELLO). */
    @Override
    default boolean batchable() {
      return true;
    }
  }

  /** Bytes that are already final (HELLO): sent alone, as they are. */
  static Frame ready(byte[] bytes) {
    return new Frame() {
      @Override
      public int length() {
        return bytes.length;
      }

      @Override
      public byte[] seal() {
        return bytes;
      }

      @Override
      public boolean batchable() {
        return false;
      }
    };
  }

  private final Transport transport;
  private final ArrayDeque<Frame> queue = new ArrayDeque<>(); // guarded by this
  private boolean sending; // guarded by this
  private boolean closed; // guarded by this
  private int batchLimit; // guarded by this

  SendQueue(Transport transport) {
    this.transport = transport;
  }

  /** Lets frames leave together in BATCH envelopes of at most this body size (0: never). */
  synchronized void batchLimit(int maxFrameBytes) {
    this.batchLimit = maxFrameBytes;
  }

  /** Queues a frame and sends it now if the socket is free. Dropped once closed. */
  void add(Frame frame) {
    synchronized (this) {
      if (closed) {
        return;
      }
      queue.addLast(frame);
    }
    pump();
  }

  /** Drops every waiting frame; later ones are dropped too. */
  void close() {
    closeIfOpen();
  }

  private synchronized boolean closeIfOpen() {
    boolean wasOpen = !closed;
    closed = true;
    queue.clear();
    return wasOpen;
  }

  /** Writes messages until the queue is empty or a write is still in flight. */
  private void pump() {
    while (true) {
      List<Frame> next;
      int limit;
      synchronized (this) {
        if (sending || closed || queue.isEmpty()) {
          return;
        }
        next = Batch.take(queue, batchLimit);
        limit = batchLimit;
        sending = true;
      }
      CompletableFuture<?> write;
      try {
        write = transport.send(Batch.seal(next, limit)).toCompletableFuture();
      } catch (RuntimeException e) {
        // the session's keys were erased (the connection is closing: leave its close alone)
        // or a seq went backwards: nothing more can leave on this socket
        if (closeIfOpen()) {
          transport.abort();
        }
        return;
      }
      if (!write.isDone()) {
        write.whenComplete((v, e) -> {
          if (written(e)) {
            pump();
          }
        });
        return;
      }
      if (!written(failureOf(write))) {
        return;
      }
    }
  }

  /** A write ended; true when the next may start on this thread. */
  private boolean written(Throwable failure) {
    synchronized (this) {
      sending = false;
    }
    if (failure != null) {
      if (closeIfOpen()) {
        transport.abort();
      }
      return false;
    }
    return true;
  }

  private static Throwable failureOf(CompletableFuture<?> done) {
    try {
      done.join();
      return null;
    } catch (CompletionException | CancellationException e) {
      return e;
    }
  }
}
