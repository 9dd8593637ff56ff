package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;

/**
 * What a client trusts the server's identity to be: either the 65-byte public key or its
 * SHA-256 fingerprint. A client with a pin refuses a WELCOME that is not signed by the
 * pinned key.
 *
 * <p>Immutable and thread-safe. Failures throw {@link RwtProtocolException} with
 * {@link CloseCode#BAD_TOKEN}: a WELCOME that fails its identity check is treated like a
 * forged frame.
 */
public final class IdentityPin {
  private final byte[] publicKey;
  private final byte[] fingerprint;

  private IdentityPin(byte[] publicKey, byte[] fingerprint) {
    this.publicKey = publicKey;
    this.fingerprint = fingerprint;
  }

  /**
   * Pins the exact key.
   *
   * @throws IllegalArgumentException when it is not a valid P-256 point
   */
  public static IdentityPin ofPublicKey(byte[] publicPoint) {
    try {
      P256.decodePoint(publicPoint);
    } catch (RwtProtocolException e) {
      throw new IllegalArgumentException("not a P-256 public key", e);
    }
    return new IdentityPin(publicPoint.clone(), fingerprint(publicPoint));
  }

  /** Pins the SHA-256 fingerprint of the key (32 bytes). */
  public static IdentityPin ofFingerprint(byte[] sha256) {
    if (sha256.length != RwtWire.KEY_LENGTH) {
      throw new IllegalArgumentException("a fingerprint is 32 bytes");
    }
    return new IdentityPin(null, sha256.clone());
  }

  /** SHA-256 of a 65-byte public point. */
  public static byte[] fingerprint(byte[] publicPoint) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(publicPoint);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * Checks that {@code identity} is the pinned key and that {@code sig} is its signature of
   * {@code transcript}.
   *
   * @param identity WELCOME.identity, or null when absent
   * @param sig WELCOME.sig, or null when absent
   * @throws RwtProtocolException BAD_TOKEN when unsigned, another key, or a bad signature
   */
  public void check(byte[] identity, byte[] transcript, byte[] sig) throws RwtProtocolException {
    if (identity == null || sig == null) {
      throw RwtProtocolException.badToken("WELCOME is not signed but the server identity is pinned");
    }
    if (!MessageDigest.isEqual(fingerprint, fingerprint(identity))) {
      throw RwtProtocolException.badToken("WELCOME identity is not the pinned one");
    }
    verifySignature(identity, transcript, sig);
  }

  /**
   * Verifies an identity signature (no pin involved).
   *
   * @throws RwtProtocolException BAD_TOKEN when it does not verify; PROTOCOL when the key
   *     is not a P-256 point
   */
  public static void verifySignature(byte[] identity, byte[] transcript, byte[] sig) throws RwtProtocolException {
    boolean ok;
    try {
      Signature s = Signature.getInstance(ServerIdentity.SIGNATURE_ALGORITHM);
      s.initVerify(P256.publicKey(P256.decodePoint(identity)));
      s.update(transcript);
      ok = s.verify(sig);
    } catch (GeneralSecurityException e) {
      ok = false;
    }
    if (!ok) {
      throw RwtProtocolException.badToken("WELCOME identity signature does not verify");
    }
  }

  @Override
  public String toString() {
    return "IdentityPin[" + (publicKey != null ? "key " : "fingerprint ") + Base64Url.encode(fingerprint) + "]";
  }
}
