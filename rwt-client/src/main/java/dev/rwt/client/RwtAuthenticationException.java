package dev.rwt.client;

import java.util.Map;

/**
 * The server refused the application token (close 4001 {@code UNAUTHENTICATED}, at the
 * handshake, on REFRESH or when the token expired) or the principal ({@code FORBIDDEN}). Get a
 * new token before trying again.
 */
public class RwtAuthenticationException extends RwtException {
  private static final long serialVersionUID = 1L;

  public RwtAuthenticationException(String message, String code, String operation) {
    super(message, code == null ? "UNAUTHENTICATED" : code, operation);
  }

  public RwtAuthenticationException(String message, String code, String operation, Map<String, ?> details, Integer closeCode,
      Long retryAfterMs, Throwable cause) {
    super(message, code == null ? "UNAUTHENTICATED" : code, operation, details, closeCode, retryAfterMs, cause);
  }

  /** Never: the same request fails the same way until something else changes. */
  @Override
  public boolean canRetry() {
    return false;
  }
}
