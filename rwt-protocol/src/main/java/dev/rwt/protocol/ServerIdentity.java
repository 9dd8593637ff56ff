package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * The server's long-term P-256 identity key. When configured, WELCOME carries the public
 * key and a signature of the handshake transcript
 * {@code clientNonce || serverNonce || clientEcdh || serverEcdh}, ECDSA P-256 SHA-256 in
 * IEEE P1363 form (r || s), so a client that pinned the key knows whom it talks to.
 *
 * <p>Immutable and thread-safe. {@code toString} shows only the public fingerprint.
 */
public final class ServerIdentity {
  static final String SIGNATURE_ALGORITHM = "SHA256withECDSAinP1363Format";

  private final PrivateKey privateKey;
  private final byte[] publicPoint;
  private final SecureRandom random;

  private ServerIdentity(PrivateKey privateKey, byte[] publicPoint, SecureRandom random) {
    this.privateKey = privateKey;
    this.publicPoint = publicPoint;
    this.random = random;
  }

  /** From a JDK key pair (e.g. parsed from PEM together with its public key). */
  public static ServerIdentity of(KeyPair keyPair, SecureRandom random) {
    return new ServerIdentity(keyPair.getPrivate(), P256.encodePoint(((ECPublicKey) keyPair.getPublic()).getW()),
        random);
  }

  /** From a JDK private key alone (a PEM with no public part); derives the public key once. */
  public static ServerIdentity of(ECPrivateKey privateKey, SecureRandom random) {
    return new ServerIdentity(privateKey, P256.encodePoint(P256.multiplyBase(privateKey.getS())), random);
  }

  /** From a raw 32-byte private scalar. */
  public static ServerIdentity fromPrivateScalar(byte[] scalar, SecureRandom random) {
    return of(P256.privateKey(scalar), random);
  }

  /** The 65-byte public point that goes into WELCOME.identity. */
  public byte[] publicPoint() {
    return publicPoint.clone();
  }

  /** SHA-256 of the public point: what a client may pin instead of the key. */
  public byte[] fingerprint() {
    return IdentityPin.fingerprint(publicPoint);
  }

  /** The transcript a WELCOME signature covers. */
  public static byte[] transcript(byte[] clientNonce, byte[] serverNonce, byte[] clientEcdh, byte[] serverEcdh) {
    return KeySchedule.concat(clientNonce, serverNonce, clientEcdh, serverEcdh);
  }

  /** Signs {@code transcript}: 64 bytes r || s. */
  public byte[] sign(byte[] transcript) {
    try {
      Signature s = Signature.getInstance(SIGNATURE_ALGORITHM);
      s.initSign(privateKey, random);
      s.update(transcript);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA P-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "ServerIdentity[fingerprint=" + Base64Url.encode(fingerprint()) + "]";
  }
}
