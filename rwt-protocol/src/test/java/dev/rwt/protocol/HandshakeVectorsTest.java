package dev.rwt.protocol;

import static dev.rwt.protocol.Vectors.hex;
import static dev.rwt.protocol.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeVectorsTest {
  private final Map<String, Object> h = Vectors.section("handshake");
  private final Map<String, Object> hello = Vectors.section("hello");
  private final Map<String, Object> welcome = Vectors.section("welcome");

  private ClientHandshake vectorClient() {
    return ClientHandshake.builder("user-auth-token")
        .clientName("vectors/1")
        .rotationKey(Vectors.str(h, "rotationKey"))
        .ephemeralKey(EcdhKeyPair.fromPrivateScalar(hex(h, "clientPrivate")))
        .nonce(hex(h, "clientNonce"))
        .clock(() -> Fixtures.T0)
        .build();
  }

  private ServerHandshake vectorServer() {
    ServerSettings settings = new ServerSettings(TokenRotator.golden(), 60_000, null, 25_000, 1_048_576, 120_000);
    return ServerHandshake.builder(settings)
        .random(new SecureRandom())
        .clock(() -> Fixtures.T0)
        .ephemeralKey(EcdhKeyPair.fromPrivateScalar(hex(h, "serverPrivate")))
        .nonce(hex(h, "serverNonce"))
        .build();
  }

  @Test
  void helloIsReproducedByteForByte() {
    byte[] bytes = vectorClient().hello();
    assertEquals(hello.get("hex"), toHex(bytes));
    String json = new String(Arrays.copyOfRange(bytes, RwtWire.HEADER_LENGTH, bytes.length), StandardCharsets.UTF_8);
    assertEquals(hello.get("json"), json);
  }

  @Test
  void serverParsesTheVectorHello() throws Exception {
    Hello parsed = vectorServer().receiveHello(hex(hello, "hex"));
    assertEquals("user-auth-token", parsed.auth());
    assertEquals("vectors/1", parsed.client());
    assertEquals(h.get("clientNonce"), toHex(parsed.nonce()));
    assertEquals(h.get("clientEcdh"), toHex(parsed.ecdh()));
    assertEquals(null, parsed.resume());
  }

  @Test
  void welcomeIsReproducedByteForByte() throws Exception {
    ServerHandshake server = vectorServer();
    server.receiveHello(hex(hello, "hex"));
    ServerHandshake.Accepted accepted = server.accept("s-0001", Vectors.str(h, "rotationKey"), 1_700_003_600_000L);
    assertEquals(welcome.get("hex"), toHex(accepted.welcomeBytes()));
    byte[] bytes = accepted.welcomeBytes();
    assertEquals(welcome.get("json"),
        new String(Arrays.copyOfRange(bytes, RwtWire.HEADER_LENGTH, bytes.length), StandardCharsets.UTF_8));
  }

  @Test
  void clientAcceptsTheVectorWelcome() throws Exception {
    ClientHandshake client = vectorClient();
    client.hello();
    SecureSession session = client.receiveWelcome(hex(welcome, "hex"));
    assertEquals("s-0001", session.sessionId());
    assertFalse(session.welcome().resumed());
    assertEquals(1_700_003_600_000L, session.welcome().authExp());
    assertEquals(0, session.clockOffsetMs());
    assertEquals(RotationSchedule.class, session.schedule().getClass());
    assertEquals("golden", session.schedule().rotator().name());
    assertEquals(h.get("resume"), toHex(session.resumeKey().bytes()));
  }
}
