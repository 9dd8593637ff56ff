package dev.rwt.protocol;

import java.util.SplittableRandom;

/**
 * A tiny property-test driver: runs a check for many seeded random cases and names the
 * seed and case of the first failure, so any failure reproduces exactly.
 */
final class Randomized {
  interface Check {
    void run(SplittableRandom random) throws Exception;
  }

  private Randomized() {}

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

  static byte[] bytes(SplittableRandom r, int maxLength) {
    byte[] b = new byte[r.nextInt(maxLength + 1)];
    r.nextBytes(b);
    return b;
  }
}
