package dev.rwt.protocol;

import static dev.rwt.protocol.Vectors.hex;
import static dev.rwt.protocol.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityVectorsTest {
  private final Map<String, Object> v = Vectors.section("identity");
  private final Map<String, Object> h = Vectors.section("handshake");

  @Test
  void identityPublicKeyFollowsFromItsPrivateScalar() {
    ServerIdentity id = ServerIdentity.fromPrivateScalar(hex(v, "identityPrivate"), new SecureRandom());
    assertEquals(v.get("identity"), toHex(id.publicPoint()));
  }

  @Test
  void fingerprintIsSha256OfThePublicKey() {
    assertEquals(v.get("fingerprintSha256"), toHex(IdentityPin.fingerprint(hex(v, "identity"))));
  }

  @Test
  void transcriptIsNoncesThenPoints() {
    byte[] t = ServerIdentity.transcript(hex(h, "clientNonce"), hex(h, "serverNonce"), hex(h, "clientEcdh"),
        hex(h, "serverEcdh"));
    assertEquals(v.get("transcript"), toHex(t));
  }

  @Test
  void validSignatureVerifiesUnderKeyAndFingerprintPins() throws Exception {
    IdentityPin.verifySignature(hex(v, "identity"), hex(v, "transcript"), hex(v, "validSig"));
    IdentityPin.ofPublicKey(hex(v, "identity")).check(hex(v, "identity"), hex(v, "transcript"), hex(v, "validSig"));
    IdentityPin.ofFingerprint(hex(v, "fingerprintSha256"))
        .check(hex(v, "identity"), hex(v, "transcript"), hex(v, "validSig"));
  }

  @Test
  void invalidSignatureIsRejectedWith4010() {
    RwtProtocolException e = assertThrows(RwtProtocolException.class,
        () -> IdentityPin.verifySignature(hex(v, "identity"), hex(v, "transcript"), hex(v, "invalidSig")));
    assertEquals(4010, e.code());
  }

  @Test
  void ownSignatureOfTheTranscriptVerifies() throws Exception {
    ServerIdentity id = ServerIdentity.fromPrivateScalar(hex(v, "identityPrivate"), new SecureRandom());
    byte[] sig = id.sign(hex(v, "transcript"));
    assertEquals(RwtWire.SIGNATURE_LENGTH, sig.length);
    IdentityPin.verifySignature(id.publicPoint(), hex(v, "transcript"), sig);
  }
}
