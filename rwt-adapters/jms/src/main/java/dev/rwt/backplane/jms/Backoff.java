package dev.rwt.backplane.jms;

import java.util.function.BooleanSupplier;

/**
 * Waits between attempts to reach the broker again: half a second, doubling up to 30 seconds,
 * back to the start after a success. Sleeps in short steps so that closing is not held up.
 * Confined to one thread.
 */
final class Backoff {

  static final long FIRST_MS = 500;
  static final long MAX_MS = 30_000;
  private static final long STEP_MS = 100;

  private long next = FIRST_MS;

  void reset() {
    next = FIRST_MS;
  }

  /** The wait that {@link #pause} makes next. */
  long nextMs() {
    return next;
  }

  /** Sleeps for the next wait, or less once {@code closed} says so. */
  void pause(BooleanSupplier closed) {
    long end = System.nanoTime() + next * 1_000_000;
    next = Math.min(MAX_MS, next * 2);
    try {
      while (!closed.getAsBoolean() && System.nanoTime() < end) {
        Thread.sleep(STEP_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
