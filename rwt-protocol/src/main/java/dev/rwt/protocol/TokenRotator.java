package dev.rwt.protocol;

/**
 * A rotation pattern (PROTOCOL.md section 7): how long each epoch lasts. Both ends of a
 * connection must know a pattern by the same {@link #name()}; the server announces it in
 * WELCOME.rotation.pattern.
 *
 * <p>Implementations must be pure functions of their arguments (the schedule caches
 * results), return positive durations, and be thread-safe. Register custom patterns in a
 * {@link RotatorRegistry}.
 */
public interface TokenRotator {
  /** The pattern name on the wire, e.g. {@code "golden"}. */
  String name();

  /**
   * The length of epoch {@code epoch} in milliseconds, given the configured base interval.
   *
   * @return a positive duration
   */
  long durationMs(long epoch, long intervalMs);

  /**
   * When durations repeat every {@code k} epochs ({@code d(e) = d(e mod k)}), return k: the
   * schedule then finds the epoch of any instant in constant time. 0 (the default) means
   * no cycle; the schedule then walks forward from the last boundary it found.
   */
  default int cycleEpochs() {
    return 0;
  }

  /** {@code d(e) = I}. */
  static TokenRotator fixed() {
    return BuiltInRotators.FIXED;
  }

  /** {@code d(e) = I * F((e mod 6) + 1)}, F = 1, 1, 2, 3, 5, 8. */
  static TokenRotator fibonacci() {
    return BuiltInRotators.FIBONACCI;
  }

  /**
   * {@code x = (e + 1) * 0.6180339887498949}, {@code f = x - floor(x)},
   * {@code d(e) = floor(I * (0.5 + f))}, in IEEE-754 doubles.
   */
  static TokenRotator golden() {
    return BuiltInRotators.GOLDEN;
  }
}
