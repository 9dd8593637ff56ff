package dev.rwt.client;

import java.util.Map;

/**
 * A value could not be turned into a frame or back: the data is not a JSON value (serialize
 * application objects yourself, e.g. with JSON-B or Jackson, and pass a {@link JsonText}, a
 * {@code String} or {@code byte[]}), or a typed RPC result mapper failed.
 */
public class RwtEncodingException extends RwtException {
  private static final long serialVersionUID = 1L;

  public RwtEncodingException(String message, String code, String operation) {
    super(message, code == null ? "ENCODING" : code, operation);
  }

  public RwtEncodingException(String message, String code, String operation, Map<String, ?> details, Integer closeCode,
      Long retryAfterMs, Throwable cause) {
    super(message, code == null ? "ENCODING" : code, operation, details, closeCode, retryAfterMs, cause);
  }

  /** Never: the same request fails the same way until something else changes. */
  @Override
  public boolean canRetry() {
    return false;
  }
}
