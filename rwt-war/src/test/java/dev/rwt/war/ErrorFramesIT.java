package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.ErrorCode;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.SealOptions;
import dev.rwt.testing.Tokens;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One test per non-fatal ERROR code of PROTOCOL.md section 8: the client is told, the
 * connection stays open (each test proves it with a working call afterwards).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErrorFramesIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.testWar();
  }

  @ArquillianResource URL base;

  private static Map<?, ?> body(OpenedFrame f) throws Exception {
    return (Map<?, ?>) Json.parse(f.payload());
  }

  private static void assertError(RwtPeer peer, ErrorCode code, long ref) throws Exception {
    Map<?, ?> error = body(peer.next(FrameType.ERROR));
    assertEquals(code.wireName(), error.get("code"));
    assertEquals(ref, error.get("ref"));
    assertTrue(error.get("message") instanceof String);
  }

  private static Map<?, ?> callError(RwtPeer peer, long id) throws Exception {
    Map<?, ?> result = body(peer.next(f -> f.type() == FrameType.RESULT && RwtPeer.text(f).contains("\"id\":" + id)));
    return (Map<?, ?>) result.get("error");
  }

  /** The connection still works: an RPC round trip succeeds. */
  private static void assertStillOpen(RwtPeer peer) throws Exception {
    peer.sendJson(FrameType.CALL, 0, "{\"id\":999,\"method\":\"whoami\"}");
    Map<?, ?> result = body(peer.next(f -> f.type() == FrameType.RESULT && RwtPeer.text(f).contains("\"id\":999")));
    assertEquals(peer.welcome == null ? null : result.get("result"), result.get("result"));
    assertTrue(result.containsKey("result"));
  }

  @Test
  void subscribingWithoutPermissionIsForbidden() throws Exception {
    String token = Tokens.token("guest", Map.of("sub", List.of("public.*"), "rpc", List.of("whoami")));
    try (RwtPeer guest = RwtPeer.connect(base, token)) {
      guest.subscribe("public.news");
      long seq = guest.sendJson(FrameType.SUBSCRIBE, 0, "{\"channel\":\"private.payroll\"}");
      assertError(guest, ErrorCode.FORBIDDEN, seq);
      assertStillOpen(guest);
    }
  }

  @Test
  void aMessageOnAnUnknownSubscriptionIsNoSuchChannel() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      long seq = alice.sendJson(FrameType.MESSAGE, 77, "1");
      assertError(alice, ErrorCode.NO_SUCH_CHANNEL, seq);
      long unsub = alice.send(FrameType.UNSUBSCRIBE, 78, new byte[0], SealOptions.binary());
      assertError(alice, ErrorCode.NO_SUCH_CHANNEL, unsub);
      assertStillOpen(alice);
    }
  }

  @Test
  void aMalformedChannelNameIsBadChannelName() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      long seq = alice.sendJson(FrameType.SUBSCRIBE, 0, "{\"channel\":\"no spaces/allowed\"}");
      assertError(alice, ErrorCode.BAD_CHANNEL_NAME, seq);
      assertStillOpen(alice);
    }
  }

  @Test
  void subscriptionsOverTheLimitAreRefused() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      for (int i = 0; i < 4; i++) {
        alice.subscribe("limit." + i);
      }
      long seq = alice.sendJson(FrameType.SUBSCRIBE, 0, "{\"channel\":\"limit.4\"}");
      assertError(alice, ErrorCode.TOO_MANY_SUBSCRIPTIONS, seq);
      assertEquals(alice.subscribe("limit.0"), alice.subscribe("limit.0"), "existing ones still answer");
      assertStillOpen(alice);
    }
  }

  @Test
  void aBurstOverTheRateIsRateLimitedWithRetryAfter() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      int id = alice.subscribe("burst");
      // the bucket holds 200 at 100/s: 300 at once overflow it by fewer than the 200 refusals a
      // second that would count as flooding (as long as sending them takes well under a second)
      for (int i = 0; i < 300; i++) {
        alice.send(FrameType.MESSAGE, id, new byte[] {1}, SealOptions.binary());
      }
      OpenedFrame error = alice.next(FrameType.ERROR);
      Map<?, ?> body = body(error);
      assertEquals(ErrorCode.RATE_LIMITED.wireName(), body.get("code"));
      assertTrue((Long) body.get("retryAfterMs") > 0);
      Thread.sleep(1500);
      assertStillOpen(alice);
    }
  }

  @Test
  void callsOverTheLimitAreRefusedWithTooManyCalls() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"slow\"}");
      alice.sendJson(FrameType.CALL, 0, "{\"id\":2,\"method\":\"slow\"}");
      alice.sendJson(FrameType.CALL, 0, "{\"id\":3,\"method\":\"slow\"}");
      assertEquals(ErrorCode.TOO_MANY_CALLS.wireName(), callError(alice, 3).get("code"));
      Map<?, ?> first = body(alice.next(f -> f.type() == FrameType.RESULT && RwtPeer.text(f).contains("\"id\":1")));
      assertEquals("done", first.get("result"));
      assertStillOpen(alice);
    }
  }

  @Test
  void anUnknownMethodIsNoSuchMethod() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.sendJson(FrameType.CALL, 0, "{\"id\":5,\"method\":\"no.such\"}");
      assertEquals(ErrorCode.NO_SUCH_METHOD.wireName(), callError(alice, 5).get("code"));
      assertStillOpen(alice);
    }
  }

  @Test
  void callingWithoutPermissionIsForbidden() throws Exception {
    String token = Tokens.token("guest", Map.of("rpc", List.of("whoami")));
    try (RwtPeer guest = RwtPeer.connect(base, token)) {
      guest.sendJson(FrameType.CALL, 0, "{\"id\":6,\"method\":\"counter.increment\",\"params\":{\"by\":1}}");
      assertEquals(ErrorCode.FORBIDDEN.wireName(), callError(guest, 6).get("code"));
      assertStillOpen(guest);
    }
  }

  @Test
  void wrongFieldsAreBadParams() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      long seq = alice.sendJson(FrameType.SUBSCRIBE, 0, "{\"name\":\"x\"}");
      assertError(alice, ErrorCode.BAD_PARAMS, seq);
      long call = alice.sendJson(FrameType.CALL, 0, "{\"method\":\"whoami\"}");
      assertError(alice, ErrorCode.BAD_PARAMS, call);
      alice.sendJson(FrameType.CALL, 0, "{\"id\":7,\"method\":\"counter.increment\",\"params\":\"seven\"}");
      assertEquals(ErrorCode.BAD_PARAMS.wireName(), callError(alice, 7).get("code"));
      assertStillOpen(alice);
    }
  }

  @Test
  void aFailingMethodIsInternalAndAnApplicationErrorKeepsItsCode() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.sendJson(FrameType.CALL, 0, "{\"id\":8,\"method\":\"boom\"}");
      Map<?, ?> internal = callError(alice, 8);
      assertEquals(ErrorCode.INTERNAL.wireName(), internal.get("code"));
      assertEquals("the method failed", internal.get("message"), "no details leak to the client");
      alice.sendJson(FrameType.CALL, 0, "{\"id\":9,\"method\":\"out.of.stock\"}");
      Map<?, ?> app = callError(alice, 9);
      assertEquals("OUT_OF_STOCK", app.get("code"));
      assertEquals("none left", app.get("message"));
      assertStillOpen(alice);
    }
  }
}
