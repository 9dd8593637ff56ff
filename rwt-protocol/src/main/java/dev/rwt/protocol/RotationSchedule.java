package dev.rwt.protocol;

import java.util.Objects;

/**
 * The shared time schedule of one connection: a pattern, a base interval and a start
 * instant (WELCOME.rotation). {@link #epochAt(long)} implements PROTOCOL.md section 7:
 *
 * <pre>
 * b = start, e = 0; while b + d(e) &lt;= t: b += d(e), e += 1; return e   (0 before start)
 * </pre>
 *
 * without walking from the start every time: periodic patterns (fixed, fibonacci, any
 * rotator with {@link TokenRotator#cycleEpochs()}) skip whole cycles in constant time;
 * others continue from the last boundary found, so a long-lived session pays only for
 * the epochs that passed since its previous call.
 *
 * <p>Thread-safe: the only mutable state is an immutable cache entry in a volatile field;
 * racing threads at worst recompute.
 */
public final class RotationSchedule {
  /** Shorter base intervals could give zero-length golden epochs. */
  public static final long MIN_INTERVAL_MS = 2;

  /** An epoch and the instant it begins. */
  public record Position(long epoch, long startMs) {}

  private final TokenRotator rotator;
  private final long intervalMs;
  private final long startMs;
  private final long cycleMs;
  private volatile Position cached;

  /**
   * @throws IllegalArgumentException when {@code intervalMs < MIN_INTERVAL_MS}
   */
  public RotationSchedule(TokenRotator rotator, long intervalMs, long startMs) {
    this.rotator = Objects.requireNonNull(rotator, "rotator");
    if (intervalMs < MIN_INTERVAL_MS) {
      throw new IllegalArgumentException("rotation intervalMs must be >= " + MIN_INTERVAL_MS + ": " + intervalMs);
    }
    this.intervalMs = intervalMs;
    this.startMs = startMs;
    this.cached = new Position(0, startMs);
    long sum = 0;
    for (int e = 0; e < rotator.cycleEpochs(); e++) {
      sum = Math.addExact(sum, duration(e));
    }
    this.cycleMs = sum;
  }

  public TokenRotator rotator() {
    return rotator;
  }

  public long intervalMs() {
    return intervalMs;
  }

  public long startMs() {
    return startMs;
  }

  /** The epoch at unix-ms {@code t}; 0 before the start. */
  public long epochAt(long t) {
    return positionAt(t).epoch();
  }

  /** The instant the epoch after the one at {@code t} begins. */
  public long nextBoundaryAfter(long t) {
    Position p = positionAt(t);
    return p.startMs() + duration(p.epoch());
  }

  /** The epoch at {@code t} and the instant it began. */
  public Position positionAt(long t) {
    if (t < startMs) {
      return new Position(0, startMs);
    }
    Position p;
    if (cycleMs > 0) {
      long cycles = (t - startMs) / cycleMs;
      p = new Position(cycles * rotator.cycleEpochs(), startMs + cycles * cycleMs);
    } else {
      p = cached;
      if (t < p.startMs()) {
        p = new Position(0, startMs);
      }
    }
    long e = p.epoch();
    long b = p.startMs();
    for (long d = duration(e); b + d <= t; d = duration(e)) {
      b += d;
      e++;
    }
    Position found = new Position(e, b);
    if (cycleMs == 0) {
      cached = found;
    }
    return found;
  }

  /** d(e), checked. */
  public long duration(long epoch) {
    long d = rotator.durationMs(epoch, intervalMs);
    if (d <= 0) {
      throw new IllegalStateException("rotation pattern '" + rotator.name() + "' gave duration " + d
          + " for epoch " + epoch);
    }
    return d;
  }

  @Override
  public String toString() {
    return "RotationSchedule[" + rotator.name() + ", intervalMs=" + intervalMs + ", start=" + startMs + "]";
  }
}
