package dev.rwt.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How the client reconnects after a connection drops: exponential backoff with jitter, and
 * whether it asks the server to resume the session. Immutable and thread-safe.
 *
 * <p>The delay before attempt {@code n} (1-based) is
 * {@code min(maxDelay, baseDelay * backoffFactor^(n-1))}, spread uniformly by
 * {@code +- jitter} of itself. After {@code maxAttempts} failed attempts the client gives up
 * ({@code RECONNECT_FAILED}).
 *
 * <p>Defaults (as the browser client): enabled, 10 attempts, 500 ms base, 30 s cap, factor 2,
 * jitter 0.3, preserveSession true.
 */
public final class ReconnectionPolicy {
  private static final ReconnectionPolicy DEFAULTS =
      new ReconnectionPolicy(true, 10, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.3, true);

  private final boolean enabled;
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final double backoffFactor;
  private final double jitter;
  private final boolean preserveSession;

  /**
   * @throws IllegalArgumentException for a negative count or delay, a factor below 1 or a
   *     jitter outside 0..1
   */
  public ReconnectionPolicy(boolean enabled, int maxAttempts, Duration baseDelay, Duration maxDelay,
      double backoffFactor, double jitter, boolean preserveSession) {
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must not be negative");
    }
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (!(backoffFactor >= 1.0) || Double.isInfinite(backoffFactor)) {
      throw new IllegalArgumentException("backoffFactor must be >= 1");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
    this.enabled = enabled;
    this.maxAttempts = maxAttempts;
    this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
    this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
    this.backoffFactor = backoffFactor;
    this.jitter = jitter;
    this.preserveSession = preserveSession;
  }

  public static ReconnectionPolicy defaults() {
    return DEFAULTS;
  }

  /** No reconnection: a dropped connection ends the client's session. */
  public static ReconnectionPolicy disabled() {
    return DEFAULTS.enabled(false);
  }

  public ReconnectionPolicy enabled(boolean value) {
    return new ReconnectionPolicy(value, maxAttempts, baseDelay, maxDelay, backoffFactor, jitter, preserveSession);
  }

  public ReconnectionPolicy maxAttempts(int value) {
    return new ReconnectionPolicy(enabled, value, baseDelay, maxDelay, backoffFactor, jitter, preserveSession);
  }

  public ReconnectionPolicy baseDelay(Duration value) {
    return new ReconnectionPolicy(enabled, maxAttempts, value, maxDelay, backoffFactor, jitter, preserveSession);
  }

  public ReconnectionPolicy maxDelay(Duration value) {
    return new ReconnectionPolicy(enabled, maxAttempts, baseDelay, value, backoffFactor, jitter, preserveSession);
  }

  public ReconnectionPolicy backoffFactor(double value) {
    return new ReconnectionPolicy(enabled, maxAttempts, baseDelay, maxDelay, value, jitter, preserveSession);
  }

  public ReconnectionPolicy jitter(double value) {
    return new ReconnectionPolicy(enabled, maxAttempts, baseDelay, maxDelay, backoffFactor, value, preserveSession);
  }

  /** Ask the server to resume the session (true) or always start a fresh one (false). */
  public ReconnectionPolicy preserveSession(boolean value) {
    return new ReconnectionPolicy(enabled, maxAttempts, baseDelay, maxDelay, backoffFactor, jitter, value);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration baseDelay() {
    return baseDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public double backoffFactor() {
    return backoffFactor;
  }

  public double jitter() {
    return jitter;
  }

  public boolean preserveSession() {
    return preserveSession;
  }

  /**
   * The delay before attempt {@code attempt} (1-based).
   *
   * @param random uniform in [0, 1)
   */
  public Duration delay(int attempt, DoubleSupplier random) {
    double raw = Math.min(maxDelay.toMillis(), baseDelay.toMillis() * Math.pow(backoffFactor, Math.max(0, attempt - 1)));
    double spread = raw * jitter;
    return Duration.ofMillis(Math.max(0, Math.round(raw - spread + 2 * spread * random.getAsDouble())));
  }

  @Override
  public String toString() {
    return "ReconnectionPolicy[enabled=" + enabled + ", maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay
        + ", maxDelay=" + maxDelay + ", backoffFactor=" + backoffFactor + ", jitter=" + jitter
        + ", preserveSession=" + preserveSession + "]";
  }
}
