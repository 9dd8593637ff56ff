package dev.rwt.client;

import java.util.Map;

/**
 * The connection could not be made or was lost: {@code CONNECT_FAILED}, {@code CONNECTION_LOST},
 * {@code RESUME_FAILED}, {@code RECONNECT_FAILED}, {@code CONTINUITY_LOST}, {@code CLOSED}, or a
 * close code name for a session the server ended ({@code PROTOCOL}, {@code BAD_TOKEN},
 * {@code SLOW_CONSUMER}, ...).
 */
public class RwtConnectionException extends RwtException {
  private static final long serialVersionUID = 1L;

  public RwtConnectionException(String message, String code, String operation) {
    super(message, code == null ? "CONNECTION_LOST" : code, operation);
  }

  public RwtConnectionException(String message, String code, String operation, Map<String, ?> details, Integer closeCode,
      Long retryAfterMs, Throwable cause) {
    super(message, code == null ? "CONNECTION_LOST" : code, operation, details, closeCode, retryAfterMs, cause);
  }
}
