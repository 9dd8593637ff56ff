package dev.rwt.protocol;

import static dev.rwt.protocol.Vectors.hex;
import static dev.rwt.protocol.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyScheduleVectorsTest {
  private final Map<String, Object> h = Vectors.section("handshake");
  private final Map<String, Object> r = Vectors.section("resume");

  @Test
  void publicPointsFollowFromTheFixedPrivateScalars() {
    assertEquals(h.get("clientEcdh"), toHex(EcdhKeyPair.fromPrivateScalar(hex(h, "clientPrivate")).publicPoint()));
    assertEquals(h.get("serverEcdh"), toHex(EcdhKeyPair.fromPrivateScalar(hex(h, "serverPrivate")).publicPoint()));
    assertEquals(r.get("clientEcdh"), toHex(EcdhKeyPair.fromPrivateScalar(hex(r, "clientPrivate")).publicPoint()));
    assertEquals(r.get("serverEcdh"), toHex(EcdhKeyPair.fromPrivateScalar(hex(r, "serverPrivate")).publicPoint()));
  }

  @Test
  void bothSidesAgreeOnTheSharedSecret() throws Exception {
    EcdhKeyPair client = EcdhKeyPair.fromPrivateScalar(hex(h, "clientPrivate"));
    EcdhKeyPair server = EcdhKeyPair.fromPrivateScalar(hex(h, "serverPrivate"));
    assertEquals(h.get("sharedSecret"), toHex(client.agree(hex(h, "serverEcdh")).bytes()));
    assertEquals(h.get("sharedSecret"), toHex(server.agree(hex(h, "clientEcdh")).bytes()));
  }

  @Test
  void handshakeDerivesPrkChainsAndResumeKey() throws Exception {
    SessionKeys keys = Fixtures.handshakeKeys();
    assertEquals(h.get("prk"), toHex(keys.prk().bytes()));
    assertEquals(h.get("c2s0"), toHex(keys.chain0(Direction.C2S).bytes()));
    assertEquals(h.get("s2c0"), toHex(keys.chain0(Direction.S2C).bytes()));
    assertEquals(h.get("resume"), toHex(keys.resume().bytes()));
  }

  @Test
  void c2sRatchetMatchesEpochsZeroToThree() throws Exception {
    KeyRatchet ratchet = new KeyRatchet(SecretBytes.copyOf(hex(h, "c2s0")));
    SecretBytes chain = SecretBytes.copyOf(hex(h, "c2s0"));
    for (Object o : Vectors.list(Vectors.root().get("ratchetC2s"))) {
      Map<String, Object> step = Vectors.map(o);
      long epoch = Vectors.num(step, "epoch");
      assertEquals(step.get("chain"), toHex(chain.bytes()), "chain of epoch " + epoch);
      KeyRatchet.Step s = KeyRatchet.step(chain);
      assertEquals(step.get("mac"), toHex(s.mac().bytes()), "mac of epoch " + epoch);
      assertEquals(step.get("enc"), toHex(s.enc().bytes()), "enc of epoch " + epoch);
      assertEquals(step.get("next"), toHex(s.next().bytes()), "next of epoch " + epoch);
      EpochKeys k = ratchet.keys(epoch);
      assertEquals(step.get("mac"), toHex(k.mac().bytes()));
      assertEquals(step.get("enc"), toHex(k.enc().bytes()));
      chain = s.next();
    }
  }

  @Test
  void resumeDerivesWithThePreviousResumeKey() throws Exception {
    EcdhKeyPair client = EcdhKeyPair.fromPrivateScalar(hex(r, "clientPrivate"));
    SecretBytes z = client.agree(hex(r, "serverEcdh"));
    assertEquals(r.get("sharedSecret"), toHex(z.bytes()));
    SecretBytes previous = SecretBytes.copyOf(hex(r, "previousResumeKey"));
    assertEquals(h.get("resume"), r.get("previousResumeKey"));
    SessionKeys keys = KeySchedule.derive(z, Vectors.str(h, "rotationKey"), previous, hex(r, "clientNonce"),
        hex(r, "serverNonce"));
    assertEquals(r.get("prk"), toHex(keys.prk().bytes()));
    assertEquals(r.get("c2s0"), toHex(keys.chain0(Direction.C2S).bytes()));
    assertEquals(r.get("s2c0"), toHex(keys.chain0(Direction.S2C).bytes()));
    assertEquals(r.get("resume"), toHex(keys.resume().bytes()));
  }

  @Test
  void resumeProofIsHmacOfTheNewClientNonce() throws Exception {
    SecretBytes previous = SecretBytes.copyOf(hex(r, "previousResumeKey"));
    assertEquals(r.get("proof"), toHex(KeySchedule.resumeProof(previous, hex(r, "clientNonce"))));
    KeySchedule.verifyResumeProof(previous, hex(r, "clientNonce"), hex(r, "proof"));
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] ikm = Vectors.HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    byte[] salt = Vectors.HEX.parseHex("000102030405060708090a0b0c");
    byte[] info = Vectors.HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
    byte[] prk = Hkdf.extract(salt, ikm);
    assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", toHex(prk));
    assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        toHex(Hkdf.expand(prk, info, 42)));
  }
}
