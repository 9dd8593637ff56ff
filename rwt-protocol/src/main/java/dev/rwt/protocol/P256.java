package dev.rwt.protocol;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/**
 * The NIST P-256 curve: uncompressed point encoding with full validation, and JDK key
 * objects built from raw scalars and points.
 *
 * <p>{@link #multiplyBase} exists only to derive the public half of a private key the JDK
 * gives no public key for (a fixed test-vector scalar, a PEM identity key loaded once at
 * start-up). It uses plain {@link BigInteger} arithmetic that is not constant-time;
 * ephemeral keys come from the JDK's {@code KeyPairGenerator} and never pass through it.
 * Stateless and thread-safe.
 */
public final class P256 {
  private static final BigInteger P =
      new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final BigInteger A = P.subtract(BigInteger.valueOf(3));
  private static final BigInteger B =
      new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
  private static final BigInteger N =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
  private static final BigInteger GX =
      new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16);
  private static final BigInteger GY =
      new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16);
  private static final int COORD = 32;
  private static final byte UNCOMPRESSED = 0x04;
  private static final ECParameterSpec PARAMS = loadParams();

  private P256() {}

  /** The JDK's parameter spec for secp256r1. */
  public static ECParameterSpec params() {
    return PARAMS;
  }

  /**
   * Decodes {@code 0x04 || x || y} and checks that it is a point on the curve (P-256 has
   * cofactor 1, so every such point is in the prime-order group).
   *
   * @throws RwtProtocolException PROTOCOL when it is not a valid P-256 point
   */
  public static ECPoint decodePoint(byte[] encoded) throws RwtProtocolException {
    if (encoded == null || encoded.length != RwtWire.EC_POINT_LENGTH || encoded[0] != UNCOMPRESSED) {
      throw RwtProtocolException.protocol("not an uncompressed 65-byte P-256 point");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + COORD));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + COORD, RwtWire.EC_POINT_LENGTH));
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
      throw RwtProtocolException.protocol("P-256 coordinate out of range");
    }
    BigInteger lhs = y.multiply(y).mod(P);
    BigInteger rhs = x.pow(3).add(A.multiply(x)).add(B).mod(P);
    if (!lhs.equals(rhs)) {
      throw RwtProtocolException.protocol("point is not on P-256");
    }
    return new ECPoint(x, y);
  }

  /** The 65-byte uncompressed encoding. */
  public static byte[] encodePoint(ECPoint point) {
    byte[] out = new byte[RwtWire.EC_POINT_LENGTH];
    out[0] = UNCOMPRESSED;
    putCoordinate(point.getAffineX(), out, 1);
    putCoordinate(point.getAffineY(), out, 1 + COORD);
    return out;
  }

  /** A JDK public key for a validated point. */
  public static ECPublicKey publicKey(ECPoint point) {
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, PARAMS));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC KeyFactory unavailable", e);
    }
  }

  /**
   * A JDK private key for a 32-byte big-endian scalar in [1, n-1].
   *
   * @throws IllegalArgumentException for a scalar out of range
   */
  public static ECPrivateKey privateKey(byte[] scalar) {
    BigInteger s = checkScalar(scalar);
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, PARAMS));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC KeyFactory unavailable", e);
    }
  }

  /** s * G for a scalar in [1, n-1] (not constant-time; see the class comment). */
  public static ECPoint multiplyBase(BigInteger s) {
    if (s.signum() <= 0 || s.compareTo(N) >= 0) {
      throw new IllegalArgumentException("scalar out of range");
    }
    BigInteger[] result = null;
    BigInteger[] addend = {GX, GY};
    for (int i = 0; i < s.bitLength(); i++) {
      if (s.testBit(i)) {
        result = add(result, addend);
      }
      addend = add(addend, addend);
    }
    return new ECPoint(result[0], result[1]);
  }

  static BigInteger checkScalar(byte[] scalar) {
    BigInteger s = new BigInteger(1, scalar);
    if (scalar.length != COORD || s.signum() == 0 || s.compareTo(N) >= 0) {
      throw new IllegalArgumentException("P-256 private scalar must be 32 bytes in [1, n-1]");
    }
    return s;
  }

  /** Affine addition; null is the point at infinity. */
  private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
    if (p == null) {
      return q;
    }
    if (q == null) {
      return p;
    }
    BigInteger lambda;
    if (p[0].equals(q[0])) {
      if (!p[1].equals(q[1]) || p[1].signum() == 0) {
        return null;
      }
      BigInteger three = BigInteger.valueOf(3);
      lambda = three.multiply(p[0].pow(2)).add(A).multiply(p[1].shiftLeft(1).modInverse(P)).mod(P);
    } else {
      lambda = q[1].subtract(p[1]).multiply(q[0].subtract(p[0]).modInverse(P)).mod(P);
    }
    BigInteger x = lambda.pow(2).subtract(p[0]).subtract(q[0]).mod(P);
    BigInteger y = lambda.multiply(p[0].subtract(x)).subtract(p[1]).mod(P);
    return new BigInteger[] {x, y};
  }

  private static void putCoordinate(BigInteger v, byte[] out, int offset) {
    byte[] raw = v.toByteArray();
    int len = Math.min(raw.length, COORD);
    System.arraycopy(raw, raw.length - len, out, offset + COORD - len, len);
  }

  private static ECParameterSpec loadParams() {
    try {
      AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
      ap.init(new ECGenParameterSpec("secp256r1"));
      return ap.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("secp256r1 unavailable", e);
    }
  }
}
