package dev.rwt.protocol;

import java.util.Objects;

/**
 * A violation of the RWT protocol that ends the connection with {@link #closeCode()}.
 *
 * <p>This is the single failure path of the protocol layer: the decoder, the handshakes
 * and {@link SecureSession#open} throw only this type for anything the peer sent. The
 * message carries details for the local log; the peer should get only
 * {@code closeCode().code()} and {@code closeCode().reason()}. The message never contains
 * key material or application tokens. Instances are immutable.
 */
public final class RwtProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final CloseCode closeCode;

  public RwtProtocolException(CloseCode closeCode, String message) {
    super(message);
    this.closeCode = Objects.requireNonNull(closeCode, "closeCode");
  }

  public RwtProtocolException(CloseCode closeCode, String message, Throwable cause) {
    super(message, cause);
    this.closeCode = Objects.requireNonNull(closeCode, "closeCode");
  }

  /** What to close the WebSocket with. */
  public CloseCode closeCode() {
    return closeCode;
  }

  /** Shortcut for {@code closeCode().code()}, e.g. 4010. */
  public int code() {
    return closeCode.code();
  }

  static RwtProtocolException protocol(String message) {
    return new RwtProtocolException(CloseCode.PROTOCOL, message);
  }

  static RwtProtocolException badToken(String message) {
    return new RwtProtocolException(CloseCode.BAD_TOKEN, message);
  }

  static RwtProtocolException tooLarge(String message) {
    return new RwtProtocolException(CloseCode.TOO_LARGE, message);
  }

  @Override
  public String toString() {
    return "RwtProtocolException[" + closeCode.code() + " " + closeCode.label() + "]: " + getMessage();
  }
}
