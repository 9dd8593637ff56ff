package dev.rwt.protocol;

import java.util.Objects;

/**
 * The per-server choices a WELCOME announces, fixed at deployment: rotation pattern and
 * interval, heartbeat, size limit and resume TTL. Immutable and thread-safe.
 *
 * @param rotator the rotation pattern
 * @param intervalMs base interval I of the pattern
 * @param rotationStartMs a fixed schedule start shared by every connection, or null to
 *     start each connection's schedule at its WELCOME time
 * @param heartbeatMs PING cadence; twice this silence closes 4002
 * @param maxFrameBytes limit for a frame body and for an inflated message
 * @param resumeTtlMs how long a dropped session stays resumable
 */
public record ServerSettings(TokenRotator rotator, long intervalMs, Long rotationStartMs, int heartbeatMs,
    int maxFrameBytes, long resumeTtlMs) {

  /**
   * @throws IllegalArgumentException naming the first value out of range
   */
  public ServerSettings {
    Objects.requireNonNull(rotator, "rotator");
    if (intervalMs < RotationSchedule.MIN_INTERVAL_MS || intervalMs > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("intervalMs out of range: " + intervalMs);
    }
    if (heartbeatMs <= 0) {
      throw new IllegalArgumentException("heartbeatMs must be positive: " + heartbeatMs);
    }
    if (maxFrameBytes <= 0 || maxFrameBytes > Integer.MAX_VALUE - RwtWire.HEADER_LENGTH) {
      throw new IllegalArgumentException("maxFrameBytes out of range: " + maxFrameBytes);
    }
    if (resumeTtlMs < 0) {
      throw new IllegalArgumentException("resumeTtlMs must not be negative: " + resumeTtlMs);
    }
  }

  /** The same settings with a different rotation start (null: per connection). */
  public ServerSettings withRotationStart(Long startMs) {
    return new ServerSettings(rotator, intervalMs, startMs, heartbeatMs, maxFrameBytes, resumeTtlMs);
  }
}
