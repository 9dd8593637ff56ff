package dev.rwt.protocol;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * HMAC-SHA256 under one epoch's {@code mac_e} (RFC 2104), from the key's two padded blocks,
 * kept with the key and erased with it, on SHA-256 engines kept per thread.
 *
 * <pre>
 * HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m))
 * kept per key:     K ^ ipad and K ^ opad (64 bytes each)
 * kept per thread:  two SHA-256 engines, reset after every use
 * per frame:        (K ^ ipad) || m into one engine, (K ^ opad) || its digest into the other
 * </pre>
 *
 * <p>Why: every frame a server fans out is sealed, and every frame a client receives is
 * opened, so the HMAC is the one cryptographic step per delivery. It allocates nothing but the
 * 32 bytes it returns: no engine is looked up, copied or keyed per frame. (Copying SHA-256
 * states kept after the padded blocks would save hashing those two blocks, but each copy is a
 * few hundred bytes of garbage per frame, which on a busy server means more frequent
 * collections and longer latency tails than the two compressions cost.)
 *
 * <p>What is kept: the two padded blocks, which stand for the key (they are as secret as it
 * is), exactly as long as {@link EpochKeys} holds it; {@link #destroy()} zeroes them. A
 * thread's engines hold nothing of a key between uses: {@link MessageDigest#digest} resets
 * them, and a use that fails resets them too. Thread-safe.
 */
final class MacEngines {
  private static final String SHA_256 = "SHA-256";
  private static final int BLOCK_BYTES = 64;
  private static final int DIGEST_BYTES = 32;
  private static final byte IPAD = 0x36;
  private static final byte OPAD = 0x5c;
  /** This thread's inner and outer SHA-256 engines (JDK types only: nothing of the application's class loader). */
  private static final ThreadLocal<MessageDigest[]> ENGINES =
      ThreadLocal.withInitial(() -> new MessageDigest[] {sha256(), sha256()});

  /** The key's padded blocks. */
  private record Pads(byte[] inner, byte[] outer) {}

  private final SecretBytes key;
  /** Made on first use; null again once erased. */
  private volatile Pads pads;
  private boolean destroyed; // guarded by this

  MacEngines(SecretBytes key) {
    this.key = key;
  }

  /**
   * HMAC-SHA256(key, head || tail).
   *
   * @throws IllegalStateException when the key was erased
   */
  byte[] hmac(byte[] head, byte[] tail) {
    return hmac(head, 0, head.length, tail);
  }

  /**
   * HMAC-SHA256(key, the {@code length} bytes of {@code head} at {@code offset} || {@code tail}):
   * a header already written in place, then a body.
   *
   * @throws IllegalStateException when the key was erased
   */
  byte[] hmac(byte[] head, int offset, int length, byte[] tail) {
    Pads p = pads();
    MessageDigest[] engines = ENGINES.get();
    MessageDigest inner = engines[0];
    MessageDigest outer = engines[1];
    byte[] mac = new byte[DIGEST_BYTES];
    try {
      inner.update(p.inner());
      inner.update(head, offset, length);
      inner.update(tail);
      inner.digest(mac, 0, DIGEST_BYTES);
      outer.update(p.outer());
      outer.update(mac);
      outer.digest(mac, 0, DIGEST_BYTES);
    } catch (DigestException | RuntimeException e) {
      inner.reset(); // a use that failed midway must not leave key-derived state behind
      outer.reset();
      throw e instanceof RuntimeException r ? r : new IllegalStateException("HMAC-SHA256 failed", e);
    }
    if (pads != p) {
      // erased while this ran: the blocks may have been read half zeroed
      throw new IllegalStateException("key material was erased");
    }
    return mac;
  }

  /** Zeroes the padded blocks and drops them. Idempotent. */
  synchronized void destroy() {
    destroyed = true;
    Pads p = pads;
    pads = null;
    if (p != null) {
      Arrays.fill(p.inner(), (byte) 0);
      Arrays.fill(p.outer(), (byte) 0);
    }
  }

  /** The kept padded blocks (inner, outer) themselves, for tests of what they hold; empty before first use or once erased. */
  List<byte[]> keptPads() {
    Pads p = pads;
    return p == null ? List.of() : List.of(p.inner(), p.outer());
  }

  /** The padded blocks, made on first use. */
  private Pads pads() {
    Pads p = pads;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (destroyed) {
        throw new IllegalStateException("key material was erased");
      }
      if (pads == null) {
        pads = padded(key.ref());
      }
      return pads;
    }
  }

  private static Pads padded(byte[] secret) {
    byte[] k = secret.length > BLOCK_BYTES ? sha256().digest(secret) : secret;
    try {
      return new Pads(xor(k, IPAD), xor(k, OPAD));
    } finally {
      if (k != secret) {
        Arrays.fill(k, (byte) 0);
      }
    }
  }

  private static byte[] xor(byte[] k, byte pad) {
    byte[] block = new byte[BLOCK_BYTES];
    Arrays.fill(block, pad);
    for (int i = 0; i < k.length; i++) {
      block[i] = (byte) (k[i] ^ pad);
    }
    return block;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance(SHA_256);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
