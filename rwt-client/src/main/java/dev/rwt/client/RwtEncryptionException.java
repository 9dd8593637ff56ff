package dev.rwt.client;

import java.util.Map;

/**
 * The server's identity did not check out: {@code IDENTITY_REQUIRED} (unsigned handshake with a
 * pin), {@code IDENTITY_MISMATCH} (another key), {@code BAD_SIGNATURE}, or
 * {@code IDENTITY_REJECTED} (the verification callback said no). The client does not reconnect
 * after it.
 */
public class RwtEncryptionException extends RwtException {
  private static final long serialVersionUID = 1L;

  public RwtEncryptionException(String message, String code, String operation) {
    super(message, code == null ? "ENCRYPTION" : code, operation);
  }

  public RwtEncryptionException(String message, String code, String operation, Map<String, ?> details, Integer closeCode,
      Long retryAfterMs, Throwable cause) {
    super(message, code == null ? "ENCRYPTION" : code, operation, details, closeCode, retryAfterMs, cause);
  }

  /** Never: the same request fails the same way until something else changes. */
  @Override
  public boolean canRetry() {
    return false;
  }
}
