package dev.rwt.impl.session;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Where this node stands in the backplane's log, and the locks that let a session move between
 * nodes at one exact place in it (docs/cluster.md, "Resume on another node"):
 *
 * <ul>
 *   <li>a publish on this node delivers to local subscribers and takes its serial (its number
 *       among this node's publishes, in the order they reach the backplane) under the read side
 *       of {@code moving}, so that a session handed over or adopted under the write side either
 *       got a publish here, with its serial at or below the mark, or did not, above it;
 *   <li>a message read from the log is delivered, and the position moves past it, under
 *       {@code reading}, so that a session handed over or adopted under it had every message
 *       from other nodes up to the position and none after.
 * </ul>
 *
 * Lock order: {@code moving}, then {@code reading}. Thread-safe.
 */
final class LogCursor {

  private final ReentrantReadWriteLock moving = new ReentrantReadWriteLock();
  private final ReentrantLock reading = new ReentrantLock();
  private long serial; // guarded by this: this node's publishes so far
  private volatile long position = -1; // written under reading: the last message of the log handled here
  private volatile long ownRead; // the highest serial of this node's own that came back through the log

  /** Runs a publish's local delivery, then hands its serial to {@code send}, in serial order. */
  void publish(Runnable local, LongConsumer send) {
    moving.readLock().lock();
    try {
      local.run();
      synchronized (this) {
        send.accept(++serial);
      }
    } finally {
      moving.readLock().unlock();
    }
  }

  /** Where this node began reading the log. */
  void startsAfter(long first) {
    position = first;
  }

  /** Handles one message read from the log at {@code at}: a message from another node. */
  void read(long at, Runnable deliver) {
    reading.lock();
    try {
      deliver.run();
      position = Math.max(position, at);
    } finally {
      reading.unlock();
    }
  }

  /** This node's own message with {@code ownSerial} came back from the log at {@code at}. */
  void readOwn(long at, long ownSerial) {
    reading.lock();
    try {
      ownRead = Math.max(ownRead, ownSerial);
      position = Math.max(position, at);
    } finally {
      reading.unlock();
    }
  }

  long position() {
    return position;
  }

  synchronized long serial() {
    return serial;
  }

  /** Runs {@code step} with no publish under way on this node and no message being read. */
  <T> T still(Supplier<T> step) {
    moving.writeLock().lock();
    try {
      reading.lock();
      try {
        return step.get();
      } finally {
        reading.unlock();
      }
    } finally {
      moving.writeLock().unlock();
    }
  }

  /**
   * With no publish under way on this node: waits until the log has been read here past
   * {@code after} and past every message this node published so far, then runs {@code step}
   * with no message being read, and returns what it returns.
   *
   * @throws TimeoutException when that takes over {@code timeoutMs}; {@code step} is not run
   */
  boolean caughtUp(long after, long timeoutMs, BooleanSupplier step) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    moving.writeLock().lock();
    try {
      long mine = serial();
      while (position < after || ownRead < mine) {
        if (System.nanoTime() - deadline > 0) {
          throw new TimeoutException("read up to " + position + " of " + after + ", own " + ownRead + " of " + mine);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      if (!reading.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException("a message from the log is still being delivered");
      }
      try {
        return step.getAsBoolean();
      } finally {
        reading.unlock();
      }
    } finally {
      moving.writeLock().unlock();
    }
  }
}
