package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyAgreement;

/**
 * An ephemeral P-256 key pair for the handshake's ECDH, with the 65-byte public point that
 * goes into HELLO or WELCOME.
 *
 * <p>Immutable and thread-safe. {@code toString} shows only the public point.
 */
public final class EcdhKeyPair {
  private final PrivateKey privateKey;
  private final byte[] publicPoint;

  private EcdhKeyPair(PrivateKey privateKey, byte[] publicPoint) {
    this.privateKey = privateKey;
    this.publicPoint = publicPoint;
  }

  /** A fresh key pair from the JDK generator. */
  public static EcdhKeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(P256.params(), random);
      KeyPair kp = g.generateKeyPair();
      return new EcdhKeyPair(kp.getPrivate(), P256.encodePoint(((ECPublicKey) kp.getPublic()).getW()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC key generation unavailable", e);
    }
  }

  /**
   * The key pair of a fixed 32-byte private scalar. Meant for reproducing test vectors;
   * production code uses {@link #generate(SecureRandom)}.
   */
  public static EcdhKeyPair fromPrivateScalar(byte[] scalar) {
    java.math.BigInteger s = P256.checkScalar(scalar);
    return new EcdhKeyPair(P256.privateKey(scalar), P256.encodePoint(P256.multiplyBase(s)));
  }

  /** The uncompressed 65-byte public point. */
  public byte[] publicPoint() {
    return publicPoint.clone();
  }

  /**
   * ECDH with the peer's point: Z, the 32-byte x-coordinate of the shared point.
   *
   * @throws RwtProtocolException PROTOCOL when {@code peerPoint} is not a valid P-256 point
   */
  public SecretBytes agree(byte[] peerPoint) throws RwtProtocolException {
    ECPublicKey peer = P256.publicKey(P256.decodePoint(peerPoint));
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(privateKey);
      ka.doPhase(peer, true);
      return SecretBytes.adopt(ka.generateSecret());
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw new RwtProtocolException(CloseCode.PROTOCOL, "ECDH failed", e);
    }
  }

  @Override
  public String toString() {
    return "EcdhKeyPair[public=" + Base64Url.encode(publicPoint) + "]";
  }
}
