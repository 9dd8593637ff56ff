package dev.rwt.protocol;

import java.io.ByteArrayOutputStream;

/**
 * HMAC-SHA256 and HKDF-SHA256 (RFC 5869). Stateless and thread-safe (each thread has its own
 * engine, see {@link JceEngines}).
 */
public final class Hkdf {
  static final String HMAC = "HmacSHA256";
  private static final int HASH_LENGTH = 32;
  private static final int MAX_BLOCKS = 255;

  private Hkdf() {}

  /** HMAC-SHA256(key, parts[0] || parts[1] || ...). */
  public static byte[] hmac(byte[] key, byte[]... parts) {
    return JceEngines.hmac(key, parts);
  }

  /** HKDF-Extract(salt, ikm) = HMAC(salt, ikm); an empty salt means 32 zero bytes. */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    return hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt, ikm);
  }

  /** HKDF-Expand(prk, info, length), length at most 255 * 32. */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 0 || length > MAX_BLOCKS * HASH_LENGTH) {
      throw new IllegalArgumentException("HKDF length out of range: " + length);
    }
    ByteArrayOutputStream okm = new ByteArrayOutputStream(length);
    byte[] t = new byte[0];
    for (int i = 1; okm.size() < length; i++) {
      t = hmac(prk, t, info, new byte[] {(byte) i});
      okm.write(t, 0, Math.min(t.length, length - okm.size()));
    }
    return okm.toByteArray();
  }
}
