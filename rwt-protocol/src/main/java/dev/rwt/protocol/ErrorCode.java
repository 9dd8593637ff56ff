package dev.rwt.protocol;

/**
 * The non-fatal ERROR codes of PROTOCOL.md section 8: sent in an ERROR frame's
 * {@code code} field (or a RESULT's {@code error.code}); the connection stays open.
 * Immutable and thread-safe.
 */
public enum ErrorCode {
  FORBIDDEN,
  NO_SUCH_CHANNEL,
  BAD_CHANNEL_NAME,
  TOO_MANY_SUBSCRIPTIONS,
  /** Sent with {@code retryAfterMs}. */
  RATE_LIMITED,
  TOO_MANY_CALLS,
  NO_SUCH_METHOD,
  BAD_PARAMS,
  INTERNAL;

  /** The code string on the wire; equal to {@link #name()}. */
  public String wireName() {
    return name();
  }

  /**
   * The constant for a code string received on the wire.
   *
   * @return the constant, or null for a code this implementation does not know (a peer
   *     may send newer codes; treat them as opaque)
   */
  public static ErrorCode fromWire(String code) {
    for (ErrorCode c : values()) {
      if (c.name().equals(code)) {
        return c;
      }
    }
    return null;
  }
}
