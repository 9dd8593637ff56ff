package dev.rwt.protocol;

import java.util.SplittableRandom;

/**
 * A tiny property-test driver: runs a check for many seeded random cases and names the
 * seed and case of the first failure, so any failure reproduces exactly.
 *
 * <p>Case counts are written for the default test run and multiplied by the system property
 * {@code rwt.fuzz.scale} (1 by default; the {@code fuzz} Maven profile sets 100).
 */
final class Randomized {
  interface Check {
    void run(SplittableRandom random) throws Exception;
  }

  /** The multiplier of every case count: {@code -Drwt.fuzz.scale=N}, or {@code -Pfuzz}. */
  static final int SCALE = Math.max(1, Integer.getInteger("rwt.fuzz.scale", 1));

  private Randomized() {}

  /** Runs {@code tries} cases; fuzz suites pass {@link #scaled(int)} counts. */
  static void forAll(long seed, int tries, Check check) {
    SplittableRandom root = new SplittableRandom(seed);
    for (int i = 0; i < tries; i++) {
      long caseSeed = root.nextLong();
      try {
        check.run(new SplittableRandom(caseSeed));
      } catch (Throwable t) {
        throw new AssertionError("case " + i + " failed (seed " + seed + ", case seed " + caseSeed + "): " + t, t);
      }
    }
  }

  /** {@code tries} times the scale. */
  static int scaled(int tries) {
    return Math.multiplyExact(tries, SCALE);
  }

  static byte[] bytes(SplittableRandom r, int maxLength) {
    byte[] b = new byte[r.nextInt(maxLength + 1)];
    r.nextBytes(b);
    return b;
  }
}
