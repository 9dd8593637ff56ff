package dev.rwt.client;

import java.util.Map;

/**
 * The client is not connected: the operation was attempted before {@code connect()} or after
 * {@code disconnect()}, or was still pending when the client disconnected ({@code NOT_CONNECTED},
 * {@code CLOSED}).
 */
public class RwtDisconnectedException extends RwtException {
  private static final long serialVersionUID = 1L;

  public RwtDisconnectedException(String message, String code, String operation) {
    super(message, code == null ? "NOT_CONNECTED" : code, operation);
  }

  public RwtDisconnectedException(String message, String code, String operation, Map<String, ?> details, Integer closeCode,
      Long retryAfterMs, Throwable cause) {
    super(message, code == null ? "NOT_CONNECTED" : code, operation, details, closeCode, retryAfterMs, cause);
  }
}
