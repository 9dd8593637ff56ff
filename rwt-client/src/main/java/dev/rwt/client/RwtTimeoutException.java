package dev.rwt.client;

import java.util.Map;

/**
 * Nothing came in time: an RPC call, the handshake ({@code connectTimeout}) or
 * {@code waitForMessage}. Code {@code TIMEOUT}.
 */
public class RwtTimeoutException extends RwtException {
  private static final long serialVersionUID = 1L;

  public RwtTimeoutException(String message, String code, String operation) {
    super(message, code == null ? "TIMEOUT" : code, operation);
  }

  public RwtTimeoutException(String message, String code, String operation, Map<String, ?> details, Integer closeCode,
      Long retryAfterMs, Throwable cause) {
    super(message, code == null ? "TIMEOUT" : code, operation, details, closeCode, retryAfterMs, cause);
  }

  @Override
  public boolean canRetry() {
    return true;
  }
}
