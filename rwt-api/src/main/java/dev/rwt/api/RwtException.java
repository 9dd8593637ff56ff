package dev.rwt.api;

import java.util.Objects;

/**
 * An error with a stable code string that RWT sends to the client (in an ERROR frame or an RPC
 * RESULT), for example {@code BAD_PARAMS} or an application's own {@code OUT_OF_STOCK}.
 */
public class RwtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public RwtException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public RwtException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable code string the client sees. */
  public String code() {
    return code;
  }
}
