package dev.rwt.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.client.ConnectionState;
import dev.rwt.client.ReconnectionPolicy;
import dev.rwt.client.RwtClient;
import dev.rwt.client.RwtClientBuilder;
import dev.rwt.client.RwtEncryptionException;
import dev.rwt.protocol.IdentityPin;
import dev.rwt.testing.Tokens;
import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server with an identity key signs its WELCOME; a client that pins the key's fingerprint
 * connects to it and refuses any other server (PROTOCOL.md section 4).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityIT {

  private static final KeyPair IDENTITY = generate();

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 65-byte uncompressed point of the identity's public key. */
  private static byte[] publicPoint() {
    return point((ECPublicKey) IDENTITY.getPublic());
  }

  private static byte[] point(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 0x04;
    copy32(key.getW().getAffineX().toByteArray(), out, 1);
    copy32(key.getW().getAffineY().toByteArray(), out, 33);
    return out;
  }

  /** A big-endian unsigned coordinate into 32 bytes (BigInteger adds a sign byte or drops zeros). */
  private static void copy32(byte[] coordinate, byte[] out, int at) {
    int n = Math.min(32, coordinate.length);
    System.arraycopy(coordinate, coordinate.length - n, out, at + 32 - n, n);
  }

  @Deployment(testable = false)
  static WebArchive war() {
    String pem = "-----BEGIN PRIVATE KEY-----\\n"
        + Base64.getEncoder().encodeToString(IDENTITY.getPrivate().getEncoded())
        + "\\n-----END PRIVATE KEY-----";
    // a properties file: the line breaks of the PEM are written as \n escapes
    return Deployments.war(Map.of("rwt.identity.key", pem));
  }

  @ArquillianResource URL base;

  private RwtClientBuilder client() {
    return RwtClient.builder(URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + "rwt"))
        .authToken(Tokens.all("alice"))
        .reconnection(ReconnectionPolicy.disabled());
  }

  @Test
  void aClientPinningTheServersFingerprintConnects() throws Exception {
    String fingerprint = HexFormat.of().formatHex(IdentityPin.fingerprint(publicPoint()));
    AtomicReference<String> seen = new AtomicReference<>();
    try (RwtClient client = client().identityPin(fingerprint)
        .verificationCallback(info -> {
          seen.set(info.fingerprint());
          return info.signed();
        })
        .build()) {
      client.connect().get(20, TimeUnit.SECONDS);
      assertEquals(ConnectionState.OPEN, client.getStatus().state());
      assertEquals(fingerprint, seen.get());
    }
  }

  @Test
  void aClientPinningAnotherKeyRefusesTheServer() {
    KeyPair other = generate();
    String otherFingerprint =
        HexFormat.of().formatHex(IdentityPin.fingerprint(point((ECPublicKey) other.getPublic())));
    try (RwtClient client = client().identityPin(otherFingerprint).build()) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect().get(20, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof RwtEncryptionException, String.valueOf(e.getCause()));
      assertFalse(client.getStatus().state() == ConnectionState.OPEN);
    }
  }

  @Test
  void aVerificationCallbackCanRefuseTheServer() {
    try (RwtClient client = client().verificationCallback(info -> false).build()) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect().get(20, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof RwtEncryptionException, String.valueOf(e.getCause()));
    }
  }

}
