package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 engines keyed with one epoch's {@code mac_e}, kept with that key and erased
 * with it, as {@link GcmEngines} are for {@code enc_e}.
 *
 * <p>Why per key: keying an HMAC engine hashes the two padded key blocks, which for a frame of
 * a few dozen bytes is as much work as authenticating the frame itself; an engine kept keyed
 * is back in its keyed state after each {@code doFinal}, so a frame costs only its own bytes.
 *
 * <p>What the engines hold: the key of this epoch (the JDK keeps its padded copies) exactly as
 * long as {@link EpochKeys} holds it. {@link #destroy()} re-keys every idle engine with a public
 * all-zero key and drops it ({@link KeptEngines}). Thread-safe.
 */
final class MacEngines extends KeptEngines<Mac> {
  private static final SecretKeySpec ERASED_KEY = new SecretKeySpec(new byte[RwtWire.KEY_LENGTH], Hkdf.HMAC);

  private final SecretBytes key;

  MacEngines(SecretBytes key) {
    this.key = key;
  }

  /**
   * HMAC-SHA256(key, parts[0] || parts[1] || ...).
   *
   * @throws IllegalStateException when the key was erased
   */
  byte[] hmac(byte[]... parts) {
    Mac mac = take();
    try {
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } finally {
      release(mac);
    }
  }

  @Override
  Mac create() {
    try {
      Mac mac = Mac.getInstance(Hkdf.HMAC);
      mac.init(new SecretKeySpec(key.ref(), Hkdf.HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  void erase(Mac mac) {
    try {
      mac.init(ERASED_KEY);
    } catch (GeneralSecurityException | RuntimeException e) {
      // dropped all the same, as every engine was when none were kept
    }
  }
}
