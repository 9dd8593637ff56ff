package dev.rwt.impl.session;

import dev.rwt.protocol.Batch;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's outbound queue, with at most one WebSocket send in flight. Frames that
 * accumulate while a send is in flight leave together as one BATCH when it completes
 * (PROTOCOL.md section 2.1): a frame is never held back to fill a batch, so a quiet connection
 * sends each frame at once, and a busy one pays the container's per-message cost once per batch.
 *
 * <p>Thread-safe: any thread may {@link #enqueue}; frames leave in enqueue order. Enqueueing
 * never blocks. The queue is bounded in bytes: past the bound {@code enqueue} answers
 * {@link Result#FULL} and the caller closes the connection as a slow consumer.
 */
final class Outbound {

  /** Sends one WebSocket binary message and calls back when it has left (or failed). */
  interface Wire {
    void send(ByteBuffer message, Consumer<Throwable> done);
  }

  private static final Logger LOG = Logger.getLogger(Outbound.class.getName());

  private final Wire wire;
  private final long maxQueuedBytes;
  private final int maxFrameBytes;
  private final boolean batching;

  private final ArrayDeque<byte[]> queue = new ArrayDeque<>(); // guarded by this
  private long queuedBytes; // guarded by this
  private boolean sending; // guarded by this
  private boolean closed; // guarded by this

  Outbound(Wire wire, long maxQueuedBytes, int maxFrameBytes, boolean batching) {
    this.wire = wire;
    this.maxQueuedBytes = maxQueuedBytes;
    this.maxFrameBytes = maxFrameBytes;
    this.batching = batching;
  }

  /** What became of a frame handed to {@link #enqueue}. */
  enum Result {
    /** It will be sent. */
    QUEUED,
    /** The queue is over its bound: the peer does not keep up. Nothing was queued. */
    FULL,
    /** The connection is gone; nothing was queued (reliable frames wait for a resume). */
    CLOSED
  }

  /** Queues {@code frame} for sending. Never blocks. */
  Result enqueue(byte[] frame) {
    synchronized (this) {
      if (closed) {
        return Result.CLOSED;
      }
      if (queuedBytes + frame.length > maxQueuedBytes) {
        return Result.FULL;
      }
      queue.addLast(frame);
      queuedBytes += frame.length;
    }
    pump();
    return Result.QUEUED;
  }

  /** Stops sending; frames still queued are dropped (reliable ones stay retained for resume). */
  void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
    }
  }

  synchronized long queuedBytes() {
    return queuedBytes;
  }

  private void pump() {
    byte[] message;
    synchronized (this) {
      if (sending || closed || queue.isEmpty()) {
        return;
      }
      message = next();
      sending = true;
    }
    wire.send(ByteBuffer.wrap(message), this::sent);
  }

  private void sent(Throwable failure) {
    synchronized (this) {
      sending = false;
      if (failure != null) {
        LOG.log(Level.FINE, "send failed; the connection is going away", failure);
        closed = true;
        queue.clear();
        queuedBytes = 0;
        return;
      }
    }
    pump();
  }

  /** Takes the next message off the queue: one frame, or as many as fit in one BATCH. */
  private byte[] next() {
    byte[] first = queue.removeFirst();
    queuedBytes -= first.length;
    if (!batching || queue.isEmpty()) {
      return first;
    }
    List<byte[]> entries = new ArrayList<>();
    entries.add(first);
    long size = Batch.entrySize(first);
    while (!queue.isEmpty() && size + Batch.entrySize(queue.peekFirst()) <= maxFrameBytes) {
      byte[] frame = queue.removeFirst();
      queuedBytes -= frame.length;
      size += Batch.entrySize(frame);
      entries.add(frame);
    }
    return entries.size() == 1 ? first : Batch.pack(entries, maxFrameBytes);
  }
}
