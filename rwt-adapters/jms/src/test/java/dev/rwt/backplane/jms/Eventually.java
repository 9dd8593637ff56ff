package dev.rwt.backplane.jms;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what another thread does, with a generous bound for a loaded machine. */
final class Eventually {

  private Eventually() {}

  static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what.get());
      }
      Thread.sleep(10);
    }
  }
}
