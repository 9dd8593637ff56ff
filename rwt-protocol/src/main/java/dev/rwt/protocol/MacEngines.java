package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one epoch's {@code mac_e} (RFC 2104), with the key's two padded blocks
 * hashed once and kept, and erased with the key, as {@link GcmEngines} keep their ciphers.
 *
 * <pre>
 * HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m))
 * kept:        the SHA-256 states after (K ^ ipad) and after (K ^ opad)
 * per frame:   a copy of each state, m into the inner one, its digest into the outer one
 * </pre>
 *
 * <p>Why: a frame of a few dozen bytes takes five SHA-256 compressions with a JCE {@link Mac}
 * (which re-hashes the padded key block after every {@code doFinal}), three from the kept states.
 * Copying a state is a few hundred bytes and no lock, so any number of threads seal and open
 * under one key at once.
 *
 * <p>What is kept: the two states, which stand for the key (they are as secret as it is),
 * exactly as long as {@link EpochKeys} holds it. {@link #destroy()} resets both to SHA-256's
 * public initial state. A JDK whose SHA-256 cannot be copied (none of the JDK's own providers)
 * gets a {@link Mac} keyed per frame instead. Thread-safe.
 */
final class MacEngines {
  private static final String SHA_256 = "SHA-256";
  private static final int BLOCK_BYTES = 64;
  private static final byte IPAD = 0x36;
  private static final byte OPAD = 0x5c;
  /** Whether this JDK's SHA-256 states can be copied (those of the JDK's own providers can): decided once. */
  private static final boolean COPYABLE = copyable();

  /** The SHA-256 states after the inner and the outer padded key block. */
  private record Keyed(MessageDigest inner, MessageDigest outer) {}

  private final SecretBytes key;
  /** Keyed on first use; null again once erased. */
  private volatile Keyed keyed;
  private boolean destroyed; // guarded by this

  MacEngines(SecretBytes key) {
    this.key = key;
  }

  /**
   * HMAC-SHA256(key, parts[0] || parts[1] || ...).
   *
   * @throws IllegalStateException when the key was erased
   */
  byte[] hmac(byte[]... parts) {
    if (!COPYABLE) {
      return uncopyable(parts);
    }
    Keyed k = keyed();
    MessageDigest inner = copy(k.inner());
    for (byte[] part : parts) {
      inner.update(part);
    }
    MessageDigest outer = copy(k.outer());
    outer.update(inner.digest());
    byte[] mac = outer.digest();
    if (keyed != k) {
      // erased while this ran: the copies may have been taken from half-reset states
      throw new IllegalStateException("key material was erased");
    }
    return mac;
  }

  /** Resets the kept states to SHA-256's initial state and drops them. Idempotent. */
  synchronized void destroy() {
    destroyed = true;
    Keyed k = keyed;
    keyed = null;
    if (k != null) {
      k.inner().reset();
      k.outer().reset();
    }
  }

  /** The kept states (inner, outer), for tests of what they hold; empty before first use or once erased. */
  List<MessageDigest> keptStates() {
    Keyed k = keyed;
    return k == null ? List.of() : List.of(k.inner(), k.outer());
  }

  /** The kept states, keyed on first use. */
  private Keyed keyed() {
    Keyed k = keyed;
    if (k != null) {
      return k;
    }
    synchronized (this) {
      if (destroyed) {
        throw new IllegalStateException("key material was erased");
      }
      if (keyed == null) {
        keyed = key(key.ref());
      }
      return keyed;
    }
  }

  private static Keyed key(byte[] secret) {
    byte[] block = new byte[BLOCK_BYTES];
    try {
      byte[] k = secret.length > BLOCK_BYTES ? MessageDigest.getInstance(SHA_256).digest(secret) : secret;
      MessageDigest inner = MessageDigest.getInstance(SHA_256);
      MessageDigest outer = MessageDigest.getInstance(SHA_256);
      inner.update(padded(k, IPAD, block));
      outer.update(padded(k, OPAD, block));
      return new Keyed(inner, outer);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    } finally {
      Arrays.fill(block, (byte) 0);
    }
  }

  private static boolean copyable() {
    try {
      MessageDigest.getInstance(SHA_256).clone();
      return true;
    } catch (CloneNotSupportedException | NoSuchAlgorithmException e) {
      return false;
    }
  }

  private static byte[] padded(byte[] k, byte pad, byte[] block) {
    Arrays.fill(block, pad);
    for (int i = 0; i < k.length; i++) {
      block[i] = (byte) (k[i] ^ pad);
    }
    return block;
  }

  private static MessageDigest copy(MessageDigest state) {
    try {
      return (MessageDigest) state.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 state cannot be copied", e);
    }
  }

  /** The plain JCE HMAC, keyed for this one call. */
  private byte[] uncopyable(byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(Hkdf.HMAC);
      mac.init(new SecretKeySpec(key.ref(), Hkdf.HMAC));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
