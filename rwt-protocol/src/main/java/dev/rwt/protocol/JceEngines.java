package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;

/**
 * One HMAC-SHA256 engine per thread, reused from use to use: looking an engine up in the JCA
 * providers costs more than authenticating a small frame. The engine holds no key between
 * uses (each use calls {@code init} with its own key), so sharing it within a thread leaks
 * nothing from one frame to the next.
 *
 * <p>AES-GCM engines are deliberately not reused: the JDK refuses to encrypt twice under one
 * key and nonce with the same engine, a guard against nonce reuse worth keeping even if a
 * bug elsewhere ever tried it.
 */
final class JceEngines {

  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(JceEngines::newHmac);

  private JceEngines() {}

  /** This thread's HMAC-SHA256 engine; the caller initializes it with its key. */
  static Mac hmac() {
    return HMAC.get();
  }

  private static Mac newHmac() {
    try {
      return Mac.getInstance(Hkdf.HMAC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }
}
