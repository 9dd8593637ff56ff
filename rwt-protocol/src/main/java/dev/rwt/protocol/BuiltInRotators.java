package dev.rwt.protocol;

/** The three patterns every RWT implementation knows. Immutable and thread-safe. */
final class BuiltInRotators {
  private static final long[] FIB = {1, 1, 2, 3, 5, 8};
  private static final double PHI_FRACTION = 0.6180339887498949;
  private static final double HALF = 0.5;

  static final TokenRotator FIXED = new Named("fixed", 1) {
    @Override
    public long durationMs(long epoch, long intervalMs) {
      return intervalMs;
    }
  };

  static final TokenRotator FIBONACCI = new Named("fibonacci", FIB.length) {
    @Override
    public long durationMs(long epoch, long intervalMs) {
      return intervalMs * FIB[(int) Math.floorMod(epoch, (long) FIB.length)];
    }
  };

  static final TokenRotator GOLDEN = new Named("golden", 0) {
    @Override
    public long durationMs(long epoch, long intervalMs) {
      double x = (epoch + 1) * PHI_FRACTION;
      double f = x - Math.floor(x);
      return (long) Math.floor(intervalMs * (HALF + f));
    }
  };

  private BuiltInRotators() {}

  private abstract static class Named implements TokenRotator {
    private final String name;
    private final int cycle;

    Named(String name, int cycle) {
      this.name = name;
      this.cycle = cycle;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int cycleEpochs() {
      return cycle;
    }

    @Override
    public String toString() {
      return "TokenRotator[" + name + "]";
    }
  }
}
