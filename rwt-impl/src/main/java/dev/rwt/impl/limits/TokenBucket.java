package dev.rwt.impl.limits;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most twice that (the
 * burst). Not thread-safe: one per connection, used from its reading thread.
 */
public final class TokenBucket {

  private final double ratePerMs;
  private final double capacity;
  private double tokens;
  private long lastMs;

  public TokenBucket(int ratePerSecond, long nowMs) {
    this.ratePerMs = ratePerSecond / 1000.0;
    this.capacity = 2.0 * ratePerSecond;
    this.tokens = capacity;
    this.lastMs = nowMs;
  }

  /** Takes one token if there is one. */
  public boolean tryTake(long nowMs) {
    refill(nowMs);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until the next token, in ms (0 when one is there). */
  public long retryAfterMs(long nowMs) {
    refill(nowMs);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerMs);
  }

  private void refill(long nowMs) {
    if (nowMs > lastMs) {
      tokens = Math.min(capacity, tokens + (nowMs - lastMs) * ratePerMs);
      lastMs = nowMs;
    }
  }
}
