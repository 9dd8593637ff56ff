package dev.rwt.api.spi;

/** An application token was refused. The client is closed with 4001 UNAUTHENTICATED. */
public class RwtAuthenticationException extends Exception {
  private static final long serialVersionUID = 1L;

  public RwtAuthenticationException(String message) {
    super(message);
  }

  public RwtAuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
