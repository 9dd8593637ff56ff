package dev.rwt.protocol;

import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 section 5), the form of every binary value inside
 * RWT JSON. Decoding is strict: no padding, no other alphabet, no non-zero trailing bits
 * (one value has exactly one spelling). Stateless and thread-safe.
 */
public final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes the canonical unpadded base64url spelling.
   *
   * @throws RwtProtocolException PROTOCOL for anything else
   */
  public static byte[] decode(String text) throws RwtProtocolException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        throw RwtProtocolException.protocol("not base64url without padding");
      }
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw RwtProtocolException.protocol("not base64url without padding");
    }
    if (!ENCODER.encodeToString(bytes).equals(text)) {
      throw RwtProtocolException.protocol("non-canonical base64url");
    }
    return bytes;
  }

  /**
   * Decodes and checks the length.
   *
   * @throws RwtProtocolException PROTOCOL when invalid or not {@code length} bytes
   */
  public static byte[] decode(String text, int length, String what) throws RwtProtocolException {
    byte[] bytes = decode(text);
    if (bytes.length != length) {
      throw RwtProtocolException.protocol(what + " must be " + length + " bytes, got " + bytes.length);
    }
    return bytes;
  }
}
