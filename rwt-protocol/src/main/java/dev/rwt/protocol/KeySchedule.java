package dev.rwt.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The key schedule of PROTOCOL.md section 4 and the resume proof of section 6.
 *
 * <pre>
 * ikm    = Z || utf8(rotationKey) || previousResumeKey   (last part only when resuming)
 * prk    = HKDF-Extract(salt = clientNonce || serverNonce, ikm)
 * c2s_0  = HKDF-Expand(prk, "rwt/1 c2s", 32)
 * s2c_0  = HKDF-Expand(prk, "rwt/1 s2c", 32)
 * resume = HKDF-Expand(prk, "rwt/1 resume", 32)
 * proof  = HMAC-SHA256(resumeKey, clientNonce)
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class KeySchedule {
  private KeySchedule() {}

  /**
   * Derives the session keys.
   *
   * @param sharedSecret Z, the ECDH x-coordinate
   * @param rotationKey the authenticator's pre-shared rotation key, "" when none
   * @param previousResumeKey the resumed session's resume key, or null for a new session
   */
  public static SessionKeys derive(SecretBytes sharedSecret, String rotationKey, SecretBytes previousResumeKey,
      byte[] clientNonce, byte[] serverNonce) {
    byte[] rk = rotationKey == null ? new byte[0] : rotationKey.getBytes(StandardCharsets.UTF_8);
    byte[] prev = previousResumeKey == null ? new byte[0] : previousResumeKey.ref();
    byte[] ikm = concat(sharedSecret.ref(), rk, prev);
    byte[] prk = Hkdf.extract(concat(clientNonce, serverNonce), ikm);
    java.util.Arrays.fill(ikm, (byte) 0);
    return new SessionKeys(
        SecretBytes.adopt(prk),
        SecretBytes.adopt(Hkdf.expand(prk, Direction.C2S.hkdfInfo(), RwtWire.KEY_LENGTH)),
        SecretBytes.adopt(Hkdf.expand(prk, Direction.S2C.hkdfInfo(), RwtWire.KEY_LENGTH)),
        SecretBytes.adopt(Hkdf.expand(prk, RwtWire.INFO_RESUME.getBytes(StandardCharsets.US_ASCII),
            RwtWire.KEY_LENGTH)));
  }

  /** The proof a resuming client puts in HELLO.resume.proof. */
  public static byte[] resumeProof(SecretBytes resumeKey, byte[] clientNonce) {
    return Hkdf.hmac(resumeKey.ref(), clientNonce);
  }

  /**
   * Checks a resume proof in constant time.
   *
   * @throws RwtProtocolException RESUME_FAILED on mismatch
   */
  public static void verifyResumeProof(SecretBytes resumeKey, byte[] clientNonce, byte[] proof)
      throws RwtProtocolException {
    if (!java.security.MessageDigest.isEqual(resumeProof(resumeKey, clientNonce), proof)) {
      throw new RwtProtocolException(CloseCode.RESUME_FAILED, "resume proof does not verify");
    }
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
