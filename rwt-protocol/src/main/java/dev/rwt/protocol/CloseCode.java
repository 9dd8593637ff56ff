package dev.rwt.protocol;

/**
 * The close codes of PROTOCOL.md section 8: the WebSocket close status an endpoint sends
 * when it ends a connection, with the stable code string that names it.
 *
 * <p>Two names share 4008 ({@link #SLOW_CONSUMER} and {@link #RATE_LIMITED}); the code
 * string tells them apart in logs and close reasons. Immutable and thread-safe.
 */
public enum CloseCode {
  /** The session is ended, no resume. */
  NORMAL(1000, "NORMAL", "normal closure"),
  /** Server shutting down; the client may resume elsewhere. */
  GOING_AWAY(1001, "GOING_AWAY", "going away"),
  /** Malformed frame, unknown type, bad version, text message, bad handshake. */
  PROTOCOL(4000, "PROTOCOL", "protocol error"),
  /** Application token missing, invalid or expired. */
  UNAUTHENTICATED(4001, "UNAUTHENTICATED", "unauthenticated"),
  /** No frame from the peer for two heartbeat intervals. */
  HEARTBEAT(4002, "HEARTBEAT", "heartbeat timeout"),
  /** Action not allowed. */
  FORBIDDEN(4003, "FORBIDDEN", "forbidden"),
  /** Bad resume proof, or a resume by another principal. */
  RESUME_FAILED(4004, "RESUME_FAILED", "resume failed"),
  /** The peer let the sender's unacknowledged buffer overflow. */
  SLOW_CONSUMER(4008, "SLOW_CONSUMER", "slow consumer"),
  /** Sustained flooding. */
  RATE_LIMITED(4008, "RATE_LIMITED", "rate limited"),
  /** A frame or an inflated message over the size limit. */
  TOO_LARGE(4009, "TOO_LARGE", "too large"),
  /** Token forged, damaged or expired (epoch outside the window). */
  BAD_TOKEN(4010, "BAD_TOKEN", "bad token"),
  /** seq did not increase. */
  REPLAY(4011, "REPLAY", "replay");

  private final int code;
  private final String label;
  private final String reason;

  CloseCode(int code, String label, String reason) {
    this.code = code;
    this.label = label;
    this.reason = reason;
  }

  /** The WebSocket close status code, e.g. 4010. */
  public int code() {
    return code;
  }

  /** The stable code string, e.g. {@code "BAD_TOKEN"}. */
  public String label() {
    return label;
  }

  /**
   * A short, uniform close reason fit for the WebSocket close frame (well under 123 bytes).
   * It never contains details; those belong in the local log.
   */
  public String reason() {
    return reason;
  }

  /**
   * Whether the session stays resumable after a connection closed with this code by the
   * server (PROTOCOL.md section 9): only {@link #GOING_AWAY}. A violation (4000-4011) and
   * {@link #NORMAL} end the session at once.
   */
  public boolean keepsSessionResumable() {
    return this == GOING_AWAY;
  }

  /**
   * The constant for a close status received from the peer. 4008 maps to
   * {@link #SLOW_CONSUMER} unless {@code label} says {@code RATE_LIMITED}.
   *
   * @param code the numeric close status
   * @param label the close reason received, may be null
   * @return the matching constant, or null when the code is not an RWT close code
   */
  public static CloseCode fromCode(int code, String label) {
    CloseCode first = null;
    for (CloseCode c : values()) {
      if (c.code == code) {
        if (label != null && (label.equals(c.label) || label.equals(c.reason))) {
          return c;
        }
        if (first == null) {
          first = c;
        }
      }
    }
    return first;
  }

  /** {@link #fromCode(int, String)} without a label. */
  public static CloseCode fromCode(int code) {
    return fromCode(code, null);
  }
}
