package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC-SHA256 engine per thread, reused from use to use: looking an engine up in the JCA
 * providers costs more than authenticating a small frame.
 *
 * <p>What the engine holds: while in use, the key of that one use. Each use keys it first and,
 * afterwards (also when it fails), keys it with a public all-zero key, which overwrites the
 * JDK's padded copies of the real key; so between uses the engine holds no secret, and a
 * thread that sits idle for hours keeps no epoch's key alive. That re-keying only XORs two
 * 64-byte pads. (AES-GCM engines are kept per key instead, see {@link GcmEngines}.)
 *
 * <p>Thread-safe: each thread has its own engine.
 */
final class JceEngines {
  private static final SecretKeySpec ERASED_KEY = new SecretKeySpec(new byte[RwtWire.KEY_LENGTH], Hkdf.HMAC);
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(JceEngines::newHmac);

  private JceEngines() {}

  /** HMAC-SHA256(key, parts[0] || parts[1] || ...) on this thread's engine. */
  static byte[] hmac(byte[] key, byte[]... parts) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(key, Hkdf.HMAC));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 refused a " + key.length + "-byte key", e);
    } finally {
      erase(mac);
    }
  }

  /** This thread's engine as it is between uses, for tests of what it holds. */
  static Mac idleHmac() {
    return HMAC.get();
  }

  private static void erase(Mac mac) {
    try {
      mac.init(ERASED_KEY);
    } catch (GeneralSecurityException | RuntimeException e) {
      HMAC.remove(); // an engine that cannot be re-keyed is dropped, as every engine was when none were kept
    }
  }

  private static Mac newHmac() {
    try {
      return Mac.getInstance(Hkdf.HMAC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }
}
