package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.ErrorCode;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.ResumeTicket;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecretBytes;
import dev.rwt.protocol.SecureSession;
import dev.rwt.testing.Tokens;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One test per close code of PROTOCOL.md section 8, each provoked by a real client. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloseCodesIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.testWar();
  }

  @ArquillianResource URL base;

  private static void assertClosed(TestSocket.Closed closed, int code, String label) {
    assertEquals(code, closed.code(), "close code, reason " + closed.reason());
    assertEquals(label, closed.reason());
  }

  @Test
  void normalCloseEndsTheSessionSoItCannotBeResumed() throws Exception {
    ResumeTicket ticket;
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.subscribe("c1000");
      ticket = alice.resumeTicket();
      alice.socket.sendClose(1000);
      assertEquals(1000, alice.awaitClose().code());
    }
    try (RwtPeer again = RwtPeer.connect(base, Tokens.all("alice"), ticket)) {
      assertFalse(again.welcome.resumed(), "a session closed with 1000 is gone");
    }
  }

  @Test
  void aClientThatDoesNotOfferRwtV1IsClosedWith4000() throws Exception {
    try (TestSocket socket = TestSocket.open(base, "chat")) {
      assertEquals(4000, socket.awaitClose().code());
    }
  }

  @Test
  void aTextMessageClosesWith4000() throws Exception {
    try (TestSocket socket = TestSocket.open(base, "rwt.v1")) {
      socket.sendText("{\"v\":1}");
      assertClosed(socket.awaitClose(), 4000, "PROTOCOL");
    }
  }

  @Test
  void aHelloWithAShortNonceClosesWith4000() throws Exception {
    String hello = "{\"v\":1,\"auth\":\"" + Tokens.all("alice") + "\",\"nonce\":\"AAEC\",\"ecdh\":\"AAEC\"}";
    try (TestSocket socket = TestSocket.open(base, "rwt.v1")) {
      socket.sendBinary(Frames.unsealed(FrameType.HELLO, hello.getBytes()));
      assertClosed(socket.awaitClose(), 4000, "PROTOCOL");
    }
  }

  @Test
  void aSecondHelloAfterTheHandshakeClosesWith4000() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.socket.sendBinary(Frames.unsealed(FrameType.HELLO, "{\"v\":1}".getBytes()));
      assertClosed(alice.awaitClose(), 4000, "PROTOCOL");
    }
  }

  @Test
  void aBadApplicationTokenClosesWith4001() throws Exception {
    Exception refused = null;
    try {
      RwtPeer.connect(base, "not-a-jwt").close();
    } catch (IllegalStateException e) {
      refused = e;
    }
    assertTrue(refused != null && refused.getMessage().contains("4001"), String.valueOf(refused));
  }

  @Test
  void anExpiredApplicationTokenClosesWith4001() throws Exception {
    Exception refused = null;
    try {
      RwtPeer.connect(base, Tokens.token("alice", Tokens.ALL, -60_000)).close();
    } catch (IllegalStateException e) {
      refused = e;
    }
    assertTrue(refused != null && refused.getMessage().contains("4001"), String.valueOf(refused));
  }

  @Test
  void aTokenThatExpiresWithoutRefreshClosesWith4001() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.token("alice", Tokens.ALL, 2_000))) {
      TestSocket.Closed closed = alice.awaitClose();
      assertEquals(4001, closed.code());
      assertEquals("auth expired", closed.reason());
    }
  }

  @Test
  void aSilentClientIsClosedWith4002() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.autoPong = false;
      alice.autoAck = false;
      assertClosed(alice.awaitClose(), 4002, "HEARTBEAT"); // heartbeat 2 s in the test config
    }
  }

  @Test
  void aRefreshWithAnotherPrincipalsTokenClosesWith4003() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.sendJson(FrameType.REFRESH, 0, "{\"auth\":\"" + Tokens.all("mallory") + "\"}");
      assertClosed(alice.awaitClose(), 4003, "FORBIDDEN");
    }
  }

  @Test
  void aRefreshWithAnInvalidTokenClosesWith4001() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.sendJson(FrameType.REFRESH, 0, "{\"auth\":\"forged\"}");
      assertClosed(alice.awaitClose(), 4001, "UNAUTHENTICATED");
    }
  }

  @Test
  void aValidRefreshIsAnsweredWithTheNewExpiry() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.token("alice", Tokens.ALL, 60_000))) {
      String renewed = Tokens.token("alice", Tokens.ALL, 7_200_000);
      alice.sendJson(FrameType.REFRESH, 0, "{\"auth\":\"" + renewed + "\"}");
      Map<?, ?> body = (Map<?, ?>) Json.parse(alice.next(FrameType.REFRESHED).payload());
      assertTrue((Long) body.get("authExp") > System.currentTimeMillis() + 3_600_000);
    }
  }

  @Test
  void aResumeWithABadProofClosesWith4004() throws Exception {
    ResumeTicket real;
    RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
    real = alice.resumeTicket();
    alice.close(); // dropped without a close frame: the session stays resumable
    ResumeTicket forged = new ResumeTicket(real.sessionId(), SecretBytes.copyOf(new byte[32]), real.lastSeq());
    Exception refused = null;
    try {
      RwtPeer.connect(base, Tokens.all("alice"), forged).close();
    } catch (IllegalStateException e) {
      refused = e;
    }
    assertTrue(refused != null && refused.getMessage().contains("4004"), String.valueOf(refused));
  }

  @Test
  void aResumeByAnotherPrincipalClosesWith4004() throws Exception {
    RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
    ResumeTicket ticket = alice.resumeTicket();
    alice.close();
    Exception refused = null;
    try {
      RwtPeer.connect(base, Tokens.all("mallory"), ticket).close();
    } catch (IllegalStateException e) {
      refused = e;
    }
    assertTrue(refused != null && refused.getMessage().contains("4004"), String.valueOf(refused));
  }

  @Test
  void aFloodingClientIsToldToSlowDownThenClosedWith4008() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      int id = alice.subscribe("flood");
      // about 1,000 frames a second against a limit of 100, in bursts of 50 every 50 ms: paced, so
      // that the server keeps up and judges the rate, not a backlog; and its close most likely
      // comes while the client is between bursts (a write racing the close ends in a broken pipe
      // before the close frame is read)
      long deadline = System.currentTimeMillis() + 5_000;
      try {
        while (!alice.socket.isClosed() && System.currentTimeMillis() < deadline) {
          for (int i = 0; i < 50 && !alice.socket.isClosed(); i++) {
            alice.send(FrameType.MESSAGE, id, new byte[] {1}, SealOptions.binary());
          }
          Thread.sleep(50);
        }
      } catch (java.util.concurrent.ExecutionException | java.io.IOException closedWhileSending) {
        // expected once the server has had enough
      }
      Map<?, ?> body = (Map<?, ?>) Json.parse(alice.next(FrameType.ERROR).payload());
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), body.get("code"));
      assertTrue(body.get("retryAfterMs") instanceof Long);
      assertClosed(alice.awaitClose(), 4008, "RATE_LIMITED");
    }
  }

  @Test
  void aConsumerThatNeverAcknowledgesIsClosedWith4008() throws Exception {
    try (RwtPeer slow = RwtPeer.connect(base, Tokens.all("slow"));
        RwtPeer caller = RwtPeer.connect(base, Tokens.all("caller"))) {
      slow.autoAck = false;
      slow.subscribe("firehose");
      caller.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"firehose\",\"params\":400}");
      caller.next(FrameType.RESULT);
      assertClosed(slow.awaitClose(), 4008, "SLOW_CONSUMER");
    }
  }

  @Test
  void aFrameOverTheLimitClosesWith4009() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.socket.sendBinary(new byte[65_536 + 34]);
      assertClosed(alice.awaitClose(), 4009, "TOO_LARGE");
    }
  }

  @Test
  void aForgedTokenClosesWith4010() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      SecureSession.Sealed sealed = alice.session.sealNext(FrameType.MESSAGE, 0, "\"x\"".getBytes(), SealOptions.json());
      byte[] forged = sealed.bytes().clone();
      forged[forged.length - 1] ^= 0x01;
      alice.socket.sendBinary(forged);
      assertClosed(alice.awaitClose(), 4010, "BAD_TOKEN");
    }
  }

  @Test
  void aReplayedFrameClosesWith4011() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      SecureSession.Sealed sealed = alice.session.sealNext(FrameType.PING, 0, dev.rwt.protocol.Bodies.u64(1), SealOptions.binary());
      alice.socket.sendBinary(sealed.bytes());
      alice.next(FrameType.PONG);
      alice.socket.sendBinary(sealed.bytes());
      assertClosed(alice.awaitClose(), 4011, "REPLAY");
    }
  }
}
