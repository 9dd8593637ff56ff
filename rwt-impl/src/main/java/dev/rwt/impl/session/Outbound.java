package dev.rwt.impl.session;

import dev.rwt.protocol.Batch;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's outbound queue, with at most one WebSocket send in flight. Frames that
 * accumulate while a send is in flight leave together as one BATCH when it completes
 * (PROTOCOL.md section 2.1): a frame is never held back to fill a batch, so a quiet connection
 * sends each frame at once, and a busy one pays the container's per-message cost once per batch.
 *
 * <p>Where sends happen. A single frame (a reply, an RPC result, an ACK) is sent by the thread
 * that queued it ({@link #offer} then {@link #drainHere}), as the container's own endpoint would,
 * sparing a hand-off per message. A fan-out ({@link #fanOut}) queues its message for every
 * subscriber first and then starts their drains on each connection's {@link Sender}, in as few
 * tasks as it can: some containers (Tyrus) complete an "async" send on the calling thread,
 * which would make a publisher pay every subscriber's send in turn and leave nothing to batch.
 * A sender is either the shared send pool (the fan-out's drains split among a task per pool
 * thread) or, where the container lets us find it ({@link SocketThread}), the container thread
 * that writes the connection's socket (one task per such thread, draining all of its
 * connections): a send made there is written at once and completes before it returns, so the
 * drain goes on to the next batch without waiting for a completion handed back from another
 * thread. Either way a drain keeps sending as long as frames are waiting, continuing on
 * whichever thread completed the previous send.
 *
 * <p>A frame is sealed when it leaves the queue, not when it joins it ({@link Batch.Pending}):
 * under load a frame may wait, and its token must be made in the epoch in which it is written,
 * or the peer, judging it by the epoch window at its arrival, would refuse it (4010). Sealing
 * happens outside the queue's lock, so enqueueing never waits for it.
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

  /**
   * Where a connection's drains run when the thread that queued a frame does not send it.
   *
   * @param shared whether many connections share it (the send pool), so that a fan-out splits
   *     their drains among a few tasks; otherwise it is one connection's own container thread,
   *     and a fan-out gives it one task for all of its connections
   */
  record Sender(Executor executor, boolean shared) {
    static Sender pool(Executor pool) {
      return new Sender(pool, true);
    }

    static Sender socketThread(Executor thread) {
      return new Sender(thread, false);
    }
  }

  private static final Logger LOG = Logger.getLogger(Outbound.class.getName());
  /** Drains asked for by a fan-out running on this thread (see {@link #fanOut}); null outside one. */
  private static final ThreadLocal<List<Outbound>> DEFERRED = new ThreadLocal<>();
  /** Tasks a fan-out's drains on the shared send pool are split among: one per pool thread. */
  static final int FAN_OUT_TASKS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final Wire wire;
  private final Sender sender;
  /** Where a deferred close runs: a socket's close may block, and must not hold a sender or the timer. */
  private final Executor closer;
  private final long maxQueuedBytes;
  private final int maxFrameBytes;
  private final boolean batching;

  /** Small to start: an idle connection queues nothing, a busy one grows it. */
  private final ArrayDeque<Batch.Pending> queue = new ArrayDeque<>(4); // guarded by this
  private long queuedBytes; // guarded by this
  /** A drain owns the queue: scheduled, running, or waiting for a send to complete. */
  private boolean draining; // guarded by this
  private boolean closed; // guarded by this
  /** The socket's close, waiting for the queue to be sent; no frame is accepted meanwhile. */
  private Runnable closeWhenFlushed; // guarded by this
  private long flushWaitSeenAtMs; // guarded by this

  Outbound(Wire wire, Sender sender, Executor closer, long maxQueuedBytes, int maxFrameBytes, boolean batching) {
    this.wire = wire;
    this.sender = sender;
    this.closer = closer;
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
    CLOSED,
    /**
     * Queued on an idle queue ({@link #offer} only): the caller must now start sending with
     * {@link #drainHere}, after leaving any lock it holds.
     */
    IDLE
  }

  /** Queues a sealed {@code frame}, as {@link #enqueue(Batch.Pending)}. */
  Result enqueue(byte[] frame) {
    return enqueue(Batch.Pending.sealed(frame));
  }

  /** Queues {@code frame} for sending, on the {@code sender} if nothing is sending yet. Never blocks. */
  Result enqueue(Batch.Pending frame) {
    Result r = offer(frame);
    if (r != Result.IDLE) {
      return r;
    }
    try {
      sender.executor().execute(this::drain);
    } catch (RejectedExecutionException e) {
      // the pool is gone: the application is stopping, and the connection with it
      failed(e);
    }
    return Result.QUEUED;
  }

  /**
   * Queues {@code frame} for sending. When nothing was sending, answers {@link Result#IDLE}:
   * the caller then sends it on its own thread with {@link #drainHere} (inside a
   * {@link #fanOut}, the fan-out starts the drain instead and this answers QUEUED). Never blocks.
   */
  Result offer(Batch.Pending frame) {
    synchronized (this) {
      if (closed || closeWhenFlushed != null) {
        return Result.CLOSED;
      }
      if (queuedBytes + frame.length() > maxQueuedBytes) {
        return Result.FULL;
      }
      queue.addLast(frame);
      queuedBytes += frame.length();
      if (draining) {
        return Result.QUEUED;
      }
      draining = true;
    }
    List<Outbound> deferred = DEFERRED.get();
    if (deferred != null) {
      deferred.add(this);
      return Result.QUEUED;
    }
    return Result.IDLE;
  }

  /** Sends what is queued on this thread, as an {@link Result#IDLE} answer from {@link #offer} asked. */
  void drainHere() {
    drain();
  }

  /**
   * Runs {@code fanOut}, which queues one message for many connections, and then starts the
   * drains it asked for in as few tasks as their {@link Sender}s allow: one per container thread,
   * {@link #FAN_OUT_TASKS} on the shared send pool, rather than one task per connection, since
   * handing a task to a thread costs more than queueing a frame. Nested calls join the outermost.
   * Frames {@link #offer}ed inside it are sent by those tasks too, not by this thread.
   */
  static void fanOut(Runnable fanOut) {
    if (DEFERRED.get() != null) {
      fanOut.run();
      return;
    }
    List<Outbound> deferred = new ArrayList<>();
    DEFERRED.set(deferred);
    try {
      fanOut.run();
    } finally {
      DEFERRED.remove();
      Map<Sender, List<Outbound>> bySender = new HashMap<>();
      for (Outbound o : deferred) {
        bySender.computeIfAbsent(o.sender, s -> new ArrayList<>()).add(o);
      }
      bySender.forEach((sender, group) -> {
        int size = group.size();
        int tasks = sender.shared() ? Math.min(FAN_OUT_TASKS, size) : 1;
        for (int t = 0; t < tasks; t++) {
          startDrains(sender, group.subList(t * size / tasks, (t + 1) * size / tasks));
        }
      });
    }
  }

  /** Drains each of {@code share} in turn, on {@code sender}. */
  private static void startDrains(Sender sender, List<Outbound> share) {
    try {
      sender.executor().execute(() -> share.forEach(Outbound::drain));
    } catch (RejectedExecutionException e) {
      share.forEach(o -> o.failed(e));
    }
  }

  /** Stops sending; frames still queued are dropped (reliable ones stay retained for resume). */
  synchronized void close() {
    closed = true;
    closeWhenFlushed = null;
    queue.clear();
    queuedBytes = 0;
  }

  /**
   * Accepts nothing more, sends what is queued (an ERROR that explains the close, say), then
   * runs {@code closeSocket}: at once when nothing is queued. A peer that does not read cannot
   * hold the socket open: {@link #closeIfOverdue} forces the close after a grace period.
   */
  void closeAfterFlush(Runnable closeSocket) {
    synchronized (this) {
      if (!closed && closeWhenFlushed == null && (draining || !queue.isEmpty())) {
        closeWhenFlushed = closeSocket;
        return;
      }
      close();
    }
    closeSocket.run();
  }

  /** Called by the timer: gives up on a flush that waited more than {@code graceMs}. */
  void closeIfOverdue(long nowMs, long graceMs) {
    Runnable overdue;
    synchronized (this) {
      if (closeWhenFlushed == null) {
        return;
      }
      if (flushWaitSeenAtMs == 0) {
        flushWaitSeenAtMs = nowMs;
        return;
      }
      if (nowMs - flushWaitSeenAtMs < graceMs) {
        return;
      }
      overdue = closeWhenFlushed;
      close();
    }
    runElsewhere(overdue);
  }

  synchronized long queuedBytes() {
    return queuedBytes;
  }

  /**
   * Sends until the queue is empty, or until a send does not complete at once (its completion
   * carries on). Only one drain runs at a time, so frames leave in order.
   */
  private void drain() {
    try {
      while (true) {
        List<Batch.Pending> next;
        Runnable flushed = null;
        synchronized (this) {
          if (closed || queue.isEmpty()) {
            draining = false;
            if (closeWhenFlushed != null) {
              flushed = closeWhenFlushed;
              close();
            }
          }
          next = draining ? next() : null;
        }
        if (next == null) {
          if (flushed != null) {
            runElsewhere(flushed);
          }
          return;
        }
        byte[] message;
        try {
          message = Batch.seal(next, maxFrameBytes);
        } catch (IllegalStateException e) {
          failed(e); // the keys are gone: the connection is closing, and reliable frames wait for a resume
          return;
        }
        Send send = new Send();
        wire.send(ByteBuffer.wrap(message), send);
        if (!send.returnedAfterCompletion()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      // never leave the queue owned by a drain that is gone: the connection would fall silent
      LOG.log(Level.WARNING, "sending failed unexpectedly; the connection's queue is closed", e);
      failed(e);
    }
  }

  private void runElsewhere(Runnable close) {
    try {
      closer.execute(close);
    } catch (RejectedExecutionException e) {
      close.run(); // the application is stopping: close here rather than not at all
    }
  }

  private void failed(Throwable failure) {
    LOG.log(Level.FINE, "send failed; the connection is going away", failure);
    Runnable pendingClose;
    synchronized (this) {
      draining = false;
      pendingClose = closeWhenFlushed;
      close();
    }
    if (pendingClose != null) {
      runElsewhere(pendingClose);
    }
  }

  /**
   * Takes the next message's frames off the queue: one frame, or as many as fit in one BATCH.
   * A WELCOME (queued first, with a resume's resent frames right behind it) always leaves alone.
   */
  private List<Batch.Pending> next() {
    List<Batch.Pending> entries = Batch.take(queue, batching ? maxFrameBytes : 0);
    for (Batch.Pending frame : entries) {
      queuedBytes -= frame.length();
    }
    return entries;
  }

  /**
   * The completion of one send. It completes either inside {@code wire.send} (then the drain
   * loop goes on, without growing the stack) or later on another thread (then that thread
   * drains).
   */
  private final class Send implements Consumer<Throwable> {
    private boolean completed; // guarded by Outbound.this
    private boolean returned; // guarded by Outbound.this

    @Override
    public void accept(Throwable failure) {
      boolean later;
      synchronized (Outbound.this) {
        completed = true;
        later = returned;
      }
      if (failure != null) {
        failed(failure);
      } else if (later) {
        drain();
      }
    }

    /** Called by the drain once {@code wire.send} returned: true when the send already completed. */
    boolean returnedAfterCompletion() {
      synchronized (Outbound.this) {
        returned = true;
        return completed;
      }
    }
  }
}
