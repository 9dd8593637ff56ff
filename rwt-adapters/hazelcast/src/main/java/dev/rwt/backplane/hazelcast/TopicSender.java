package dev.rwt.backplane.hazelcast;

import com.hazelcast.topic.ITopic;
import dev.rwt.api.spi.RwtBackplane;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes to the topic in the order messages were handed over, several at a time when they
 * queue up, with one asynchronous publish in flight: the next batch leaves when the data grid has
 * taken the previous one, on the data grid's own completion thread, so no thread of ours waits
 * and a publisher only adds to a bounded queue. When the queue is full (the data grid is
 * unreachable or slower than the publishers) the message is reported lost rather than blocking
 * the publisher. Thread-safe.
 */
final class TopicSender {

  static final int QUEUE = 10_000;
  static final int BATCH = 256;

  private final ITopic<byte[]> topic;
  private final RwtBackplane.Receiver receiver;
  private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private volatile boolean failing;
  private volatile boolean closed;

  TopicSender(ITopic<byte[]> topic, RwtBackplane.Receiver receiver) {
    this.topic = topic;
    this.receiver = receiver;
  }

  void send(byte[] message) {
    if (closed) {
      return;
    }
    if (queued.incrementAndGet() > QUEUE) {
      queued.decrementAndGet();
      receiver.lost("a message for the other nodes: " + QUEUE + " are already waiting for the data grid", null);
      return;
    }
    queue.add(message);
    drain();
  }

  /** Starts the next batch unless one is in flight; the one in flight calls it again when done. */
  private void drain() {
    while (!closed && !queue.isEmpty() && sending.compareAndSet(false, true)) {
      List<byte[]> batch = new ArrayList<>();
      for (byte[] m; batch.size() < BATCH && (m = queue.poll()) != null; ) {
        batch.add(m);
      }
      queued.addAndGet(-batch.size());
      if (batch.isEmpty()) {
        sending.set(false);
        continue; // another thread emptied it between the check and the poll
      }
      publish(batch);
      return;
    }
  }

  private void publish(List<byte[]> batch) {
    try {
      topic.publishAllAsync(batch).whenComplete((ok, failure) -> done(batch.size(), failure));
    } catch (RuntimeException e) {
      done(batch.size(), e);
    }
  }

  private void done(int count, Throwable failure) {
    if (failure != null) {
      if (!closed) {
        failing = true;
        receiver.lost(count + " messages for the other nodes", failure);
      }
    } else if (failing) {
      failing = false;
      receiver.restored();
    }
    sending.set(false);
    drain();
  }

  /**
   * Stops sending, once what is queued has been handed to the data grid or {@code flushMs} has
   * passed: a stopping node's last publishes, which its moved sessions may be owed, still go out.
   */
  void close(long flushMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushMs);
    while ((queued.get() > 0 || sending.get()) && !failing && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    closed = true;
  }
}
