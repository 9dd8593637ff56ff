package dev.rwt.testing;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what another thread or process does, with a generous bound for a loaded machine. */
public final class Eventually {

  /** How long {@link #await(BooleanSupplier, Supplier)} waits. */
  public static final long DEFAULT_TIMEOUT_MS = 30_000;
  private static final long POLL_MS = 20;

  private Eventually() {}

  /**
   * Returns once {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} when it does not hold within 30 seconds
   */
  public static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
    await(condition, what, DEFAULT_TIMEOUT_MS);
  }

  /**
   * Returns once {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} when it does not hold within {@code timeoutMs}
   */
  public static void await(BooleanSupplier condition, Supplier<String> what, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what.get());
      }
      Thread.sleep(POLL_MS);
    }
  }
}
