package dev.rwt.client;

import java.util.Map;

/**
 * A message could not be sent: {@code TOO_LARGE} (over the server's maxFrameBytes),
 * {@code BUFFER_FULL} (too many unacknowledged bytes; see {@link #retryAfterMs()}), or a server
 * ERROR about a sent message ({@code FORBIDDEN}, {@code NO_SUCH_CHANNEL}, {@code RATE_LIMITED}).
 */
public class RwtSendException extends RwtException {
  private static final long serialVersionUID = 1L;

  public RwtSendException(String message, String code, String operation) {
    super(message, code == null ? "SEND_FAILED" : code, operation);
  }

  public RwtSendException(String message, String code, String operation, Map<String, ?> details, Integer closeCode,
      Long retryAfterMs, Throwable cause) {
    super(message, code == null ? "SEND_FAILED" : code, operation, details, closeCode, retryAfterMs, cause);
  }
}
