package dev.rwt.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The physical floor under RWT's sealing: the bare JDK primitive on the same bytes (a 17-byte
 * header and the payload), with the {@link Mac} and {@link Cipher} obtained and keyed once.
 * Nothing is framed, copied or checked beyond what the primitive itself does, so RWT's cost
 * divided by this one is what the protocol adds.
 *
 * <p>Not thread-safe: one instance per benchmark thread.
 */
final class JdkFloor {
  static final int AAD_LENGTH = 17;
  static final int GCM_NONCE_LENGTH = 12;
  private static final int GCM_TAG_BITS = 128;

  private final Mac mac;
  private final Cipher cipher;
  private final SecretKeySpec aesKey;
  private long nonceCounter;

  JdkFloor() {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(filled(32, 0x31), "HmacSHA256"));
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
      aesKey = new SecretKeySpec(filled(32, 0x32), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK crypto unavailable", e);
    }
  }

  /** HMAC-SHA256(key, aad || body), untruncated. */
  byte[] hmac(byte[] aad, byte[] body) {
    mac.update(aad);
    return mac.doFinal(body);
  }

  /** Recomputes the HMAC and compares it in constant time, as a receiver must. */
  void verifyHmac(byte[] aad, byte[] body, byte[] expected) {
    if (!MessageDigest.isEqual(hmac(aad, body), expected)) {
      throw new IllegalStateException("HMAC does not verify");
    }
  }

  /** A fresh 12-byte nonce: a counter, as GCM forbids reusing one under the same key. */
  byte[] nextNonce() {
    return ByteBuffer.allocate(GCM_NONCE_LENGTH).putLong(4, ++nonceCounter).array();
  }

  /** AES-256-GCM ciphertext || tag of {@code plaintext} under {@code nonce}, aad authenticated. */
  byte[] encrypt(byte[] nonce, byte[] aad, byte[] plaintext) {
    return gcm(Cipher.ENCRYPT_MODE, nonce, aad, plaintext);
  }

  /** The plaintext of {@link #encrypt}'s output; throws when the tag does not verify. */
  byte[] decrypt(byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
    return gcm(Cipher.DECRYPT_MODE, nonce, aad, ciphertextAndTag);
  }

  private byte[] gcm(int mode, byte[] nonce, byte[] aad, byte[] input) {
    try {
      cipher.init(mode, aesKey, new GCMParameterSpec(GCM_TAG_BITS, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
