package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HandshakeRoundTripTest {
  private static final ServerSettings SETTINGS =
      new ServerSettings(TokenRotator.fibonacci(), 1_000, null, 25_000, 65_536, 120_000);

  private final SecureRandom random = new SecureRandom();
  private final AtomicLong serverClock = new AtomicLong(1_800_000_000_000L);
  private final AtomicLong clientClock = new AtomicLong(1_800_000_000_000L - 5_000);

  private ServerHandshake server(ServerIdentity identity) {
    return ServerHandshake.builder(SETTINGS).random(random).clock(serverClock::get).identity(identity).build();
  }

  private ClientHandshake.Builder client() {
    return ClientHandshake.builder("token-1").rotationKey("rk").random(random).clock(clientClock::get);
  }

  private record Pair(SecureSession client, SecureSession server) {}

  private Pair connect(ClientHandshake c, ServerHandshake s) throws Exception {
    Hello hello = s.receiveHello(c.hello());
    assertEquals("token-1", hello.auth());
    ServerHandshake.Accepted accepted = s.accept("s-1", "rk", null);
    return new Pair(c.receiveWelcome(accepted.welcomeBytes()), accepted.session());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theClockOffsetIsTakenAtTheMidpointBetweenHelloAndWelcome() throws Exception {
    ClientHandshake c = client().build();
    ServerHandshake s = server(null);
    byte[] hello = c.hello();
    clientClock.addAndGet(300); // the network and the server take 600 ms in all; WELCOME.time is half-way
    serverClock.addAndGet(300);
    s.receiveHello(hello);
    byte[] welcome = s.accept("s-1", "rk", null).welcomeBytes();
    clientClock.addAndGet(300);
    assertEquals(5_000, c.receiveWelcome(welcome).clockOffsetMs(), "taken at arrival it would be 4,700");
  }

  @Test
  void bothRolesDeriveTheSameKeysAndExchangeFrames() throws Exception {
    Pair p = connect(client().build(), server(null));
    assertEquals(5_000, p.client().clockOffsetMs());
    assertArrayEquals(p.client().resumeKey().bytes(), p.server().resumeKey().bytes());
    byte[] up = p.client().sealNext(FrameType.CALL, 0, utf8("{\"id\":1,\"method\":\"m\"}"),
        SealOptions.json().encrypted()).bytes();
    OpenedFrame call = p.server().open(up).get(0);
    assertEquals(FrameType.CALL, call.type());
    assertEquals(1L, Vectors.map(call.json()).get("id"));
    byte[] down = p.server().sealNext(FrameType.RESULT, 0, utf8("{\"id\":1,\"result\":2}"),
        SealOptions.json().deflated()).bytes();
    assertEquals(FrameType.RESULT, p.client().open(down).get(0).type());
  }

  @Test
  void epochsStayInStepWhenClientClockIsOff() throws Exception {
    Pair p = connect(client().build(), server(null));
    for (int i = 0; i < 40; i++) {
      serverClock.addAndGet(700);
      clientClock.addAndGet(700);
      p.server().open(p.client().sealNext(FrameType.MESSAGE, 1, new byte[] {(byte) i}, SealOptions.binary()).bytes());
      p.client().open(p.server().sealNext(FrameType.MESSAGE, 1, new byte[] {(byte) i}, SealOptions.binary()).bytes());
    }
    assertTrue(p.client().sendEpoch() > 3);
    assertEquals(p.client().sendEpoch(), p.server().receiveEpoch());
  }

  @Test
  void resumeRoundTripContinuesNumberingWithNewKeys() throws Exception {
    Pair first = connect(client().build(), server(null));
    for (int i = 0; i < 3; i++) {
      first.client().open(first.server().sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes());
      first.server().open(first.client().sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes());
    }
    ResumeTicket ticket = first.client().resumeTicket();
    assertEquals(3, ticket.lastSeq());
    SecretBytes stored = first.server().resumeKey();

    ClientHandshake c = client().resume(ticket).build();
    ServerHandshake s = server(null);
    Hello hello = s.receiveHello(c.hello());
    assertEquals("s-1", hello.resume().session());
    assertEquals(3, hello.resume().lastSeq());
    ServerHandshake.Accepted accepted = s.acceptResume("rk", 1_900_000_000_000L, stored, 2);
    SecureSession client = c.receiveWelcome(accepted.welcomeBytes());
    SecureSession server = accepted.session();
    assertTrue(client.welcome().resumed());
    assertEquals(2, client.welcome().lastSeq());
    assertFalse(java.util.Arrays.equals(stored.bytes(), client.resumeKey().bytes()));
    assertArrayEquals(server.resumeKey().bytes(), client.resumeKey().bytes());

    // the client re-seals its kept frame 3 with its original seq, then carries on
    server.open(client.seal(FrameType.MESSAGE, 1, 3, utf8("kept"), SealOptions.binary()));
    assertEquals(4, client.nextSeq());
    // the server's next frame is above what the client holds
    OpenedFrame down = client.open(server.sealNext(FrameType.MESSAGE, 1, new byte[0], SealOptions.binary()).bytes())
        .get(0);
    assertEquals(4, down.seq());
  }

  @Test
  void wrongResumeProofClosesWith4004() throws Exception {
    Pair first = connect(client().build(), server(null));
    ResumeTicket forged = new ResumeTicket("s-1", SecretBytes.copyOf(new byte[32]), 0);
    ServerHandshake s = server(null);
    s.receiveHello(client().resume(forged).build().hello());
    RwtProtocolException e = assertThrows(RwtProtocolException.class,
        () -> s.acceptResume("rk", null, first.server().resumeKey(), 0));
    assertEquals(CloseCode.RESUME_FAILED, e.closeCode());
    assertEquals(4004, e.code());
  }

  @Test
  void serverWithoutTheSessionAnswersAFreshOneAndClientLearnsContinuityWasLost() throws Exception {
    ResumeTicket ticket = new ResumeTicket("gone", SecretBytes.copyOf(new byte[32]), 9);
    ClientHandshake c = client().resume(ticket).build();
    ServerHandshake s = server(null);
    s.receiveHello(c.hello());
    SecureSession session = c.receiveWelcome(s.accept("s-2", "rk", null).welcomeBytes());
    assertFalse(session.welcome().resumed());
    assertEquals("s-2", session.sessionId());
    assertEquals(0, session.lastReceivedSeq());
  }

  @Test
  void mismatchedRotationKeyFailsTheWelcomeTokenWith4010() throws Exception {
    ClientHandshake c = client().rotationKey("other").build();
    ServerHandshake s = server(null);
    s.receiveHello(c.hello());
    byte[] welcome = s.accept("s-1", "rk", null).welcomeBytes();
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> c.receiveWelcome(welcome)).code());
  }

  @Test
  void signedWelcomeSatisfiesAKeyPinAndAFingerprintPin() throws Exception {
    ServerIdentity id = ServerIdentity.fromPrivateScalar(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32}, random);
    for (IdentityPin pin : List.of(IdentityPin.ofPublicKey(id.publicPoint()), IdentityPin.ofFingerprint(id.fingerprint()))) {
      Pair p = connect(client().pin(pin).build(), server(id));
      assertArrayEquals(id.publicPoint(), p.client().welcome().identity());
      assertNotNull(p.client().welcome().sig());
    }
  }

  @Test
  void pinnedClientRefusesAnUnsignedWelcomeWith4010() throws Exception {
    ServerIdentity id = ServerIdentity.fromPrivateScalar(new byte[] {
        9, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32}, random);
    ClientHandshake c = client().pin(IdentityPin.ofPublicKey(id.publicPoint())).build();
    ServerHandshake s = server(null);
    s.receiveHello(c.hello());
    byte[] welcome = s.accept("s-1", "rk", null).welcomeBytes();
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> c.receiveWelcome(welcome)).code());
  }

  @Test
  void pinnedClientRefusesAWelcomeSignedByAnotherIdentity() throws Exception {
    ServerIdentity pinned = ServerIdentity.of(
        P256.privateKey(new byte[] {
            7, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32}), random);
    ServerIdentity other = ServerIdentity.fromPrivateScalar(new byte[] {
        8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32}, random);
    ClientHandshake c = client().pin(IdentityPin.ofFingerprint(pinned.fingerprint())).build();
    ServerHandshake s = server(other);
    s.receiveHello(c.hello());
    byte[] welcome = s.accept("s-1", "rk", null).welcomeBytes();
    assertEquals(4010, assertThrows(RwtProtocolException.class, () -> c.receiveWelcome(welcome)).code());
  }

  @Test
  void helloWithResumeAndClientKeepsTheMemberOrder() throws Exception {
    ResumeTicket t = new ResumeTicket("s-9", SecretBytes.copyOf(new byte[32]), 7);
    byte[] hello = client().resume(t).clientName("rwt-java/0.1").build().hello();
    String json = new String(hello, RwtWire.HEADER_LENGTH, hello.length - RwtWire.HEADER_LENGTH, StandardCharsets.UTF_8);
    Map<String, Object> m = Vectors.map(Json.parse(json));
    assertEquals(List.of("v", "auth", "nonce", "ecdh", "resume", "client"), List.copyOf(m.keySet()));
    assertEquals(List.of("session", "lastSeq", "proof"), List.copyOf(Vectors.map(m.get("resume")).keySet()));
  }

  @Test
  void firstFrameThatIsNotHelloClosesWith4000() throws Exception {
    byte[] welcome = Vectors.hex(Vectors.section("welcome"), "hex");
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> server(null).receiveHello(welcome)).code());
  }

  @Test
  void malformedHellosCloseWith4000() throws Exception {
    String nonce = Base64Url.encode(new byte[32]);
    String ecdh = Base64Url.encode(Vectors.hex(Vectors.section("handshake"), "clientEcdh"));
    String badPoint = Base64Url.encode(new byte[65]);
    List<String> bodies = List.of(
        "{\"v\":2,\"auth\":\"a\",\"nonce\":\"" + nonce + "\",\"ecdh\":\"" + ecdh + "\"}",
        "{\"auth\":\"a\",\"nonce\":\"" + nonce + "\",\"ecdh\":\"" + ecdh + "\"}",
        "{\"v\":1,\"auth\":7,\"nonce\":\"" + nonce + "\",\"ecdh\":\"" + ecdh + "\"}",
        "{\"v\":1,\"auth\":\"a\",\"nonce\":\"" + Base64Url.encode(new byte[31]) + "\",\"ecdh\":\"" + ecdh + "\"}",
        "{\"v\":1,\"auth\":\"a\",\"nonce\":\"" + nonce + "=\",\"ecdh\":\"" + ecdh + "\"}",
        "{\"v\":1,\"auth\":\"a\",\"nonce\":\"" + nonce + "\",\"ecdh\":\"" + badPoint + "\"}",
        "{\"v\":1,\"auth\":\"a\",\"nonce\":\"" + nonce + "\",\"ecdh\":\"" + ecdh + "\",\"resume\":{\"session\":\"s\"}}",
        "{\"v\":1,\"auth\":\"a\",\"nonce\":\"" + nonce + "\",\"ecdh\":\"" + ecdh
            + "\",\"resume\":{\"session\":\"s\",\"lastSeq\":-1,\"proof\":\"" + nonce + "\"}}",
        "{\"v\":1,\"auth\":\"a\",\"nonce\":\"" + nonce + "\",\"ecdh\":\"" + ecdh + "\",\"client\":3}",
        "not json");
    for (String body : bodies) {
      byte[] frame = FrameCodec.encode(new Frame(FrameType.HELLO, RwtWire.FLAG_JSON, 0, 0, 0,
          new byte[RwtWire.TOKEN_LENGTH], utf8(body)));
      assertEquals(4000, assertThrows(RwtProtocolException.class, () -> server(null).receiveHello(frame)).code(),
          body);
    }
  }

  @Test
  void helloWithNonZeroHeaderFieldsClosesWith4000() throws Exception {
    byte[] good = Vectors.hex(Vectors.section("hello"), "hex");
    int[] offsets = {RwtWire.OFFSET_FLAGS, RwtWire.OFFSET_CHANNEL + 1, RwtWire.OFFSET_SEQ + 7,
        RwtWire.OFFSET_EPOCH + 3, RwtWire.OFFSET_TOKEN};
    for (int off : offsets) {
      byte[] bad = good.clone();
      bad[off] ^= 1;
      assertEquals(4000, assertThrows(RwtProtocolException.class, () -> server(null).receiveHello(bad)).code(),
          "offset " + off);
    }
  }
}
