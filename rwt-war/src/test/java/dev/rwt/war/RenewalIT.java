package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
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

/** Renewing the application token on a live connection (PROTOCOL.md section 4.1). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RenewalIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.testWar(Map.of("rwt.heartbeat-ms", "10000"));
  }

  @ArquillianResource URL base;

  private static long refresh(RwtPeer peer, String token) throws Exception {
    peer.sendJson(FrameType.REFRESH, 0, "{\"auth\":\"" + token + "\"}");
    Map<?, ?> body = (Map<?, ?>) Json.parse(peer.next(FrameType.REFRESHED).payload());
    return (Long) body.get("authExp");
  }

  @Test
  void aConnectionWithFiveSecondTokensRenewsAndKeepsReceivingForFifteenSeconds() throws Exception {
    try (RwtPeer publisher = RwtPeer.connect(base, Tokens.all("publisher"))) {
      publisher.sendJson(FrameType.CALL, 0, "{\"id\":0,\"method\":\"whoami\"}");
      publisher.next(FrameType.RESULT); // the server is warm: the 5 s below are not spent starting up
      long start = System.currentTimeMillis();
      RwtPeer alice = RwtPeer.connect(base, Tokens.token("alice", Tokens.ALL, 5_000));
      alice.subscribe("ticks");
      publisher.sendJson(FrameType.CALL, 0,
          "{\"id\":1,\"method\":\"stream\",\"params\":{\"channel\":\"ticks\",\"count\":75,\"intervalMs\":200}}");
      publisher.next(FrameType.RESULT);
      int received = 0;
      int renewals = 0;
      long renewAt = start + 2_500; // renew at half the token's life, as a cautious client would
      while (received < 75) {
        if (System.currentTimeMillis() >= renewAt) {
          alice.sendJson(FrameType.REFRESH, 0, "{\"auth\":\"" + Tokens.token("alice", Tokens.ALL, 5_000) + "\"}");
          renewAt += 2_500;
        }
        OpenedFrame f = alice.poll(x -> x.type() == FrameType.MESSAGE || x.type() == FrameType.REFRESHED);
        if (f == null) {
          Thread.sleep(20);
        } else if (f.type() == FrameType.REFRESHED) {
          long authExp = (Long) ((Map<?, ?>) Json.parse(f.payload())).get("authExp");
          assertTrue(authExp > System.currentTimeMillis(), "the new expiry is ahead");
          renewals++;
        } else {
          assertEquals(received + 1L, ((Map<?, ?>) Json.parse(f.payload())).get("n"));
          received++;
        }
      }
      assertTrue(System.currentTimeMillis() - start >= 14_000, "the stream lasted its 15 s");
      assertTrue(renewals >= 2, "renewed " + renewals + " times");
      assertFalse(alice.socket.isClosed(), "never closed for an expired token");
      alice.close();
    }
  }

  @Test
  void aRefreshThatDropsAPermissionEndsThatSubscriptionOnly() throws Exception {
    Map<String, Object> both = Map.of("sub", List.of("alpha", "beta"), "rpc", List.of("*"));
    Map<String, Object> alphaOnly = Map.of("sub", List.of("alpha"), "rpc", List.of("*"));
    try (RwtPeer carol = RwtPeer.connect(base, Tokens.token("carol", both));
        RwtPeer publisher = RwtPeer.connect(base, Tokens.all("publisher"))) {
      int alpha = carol.subscribe("alpha");
      int beta = carol.subscribe("beta");
      refresh(carol, Tokens.token("carol", alphaOnly));
      OpenedFrame ended = carol.next(FrameType.UNSUBSCRIBED);
      assertEquals(beta, ended.channel());
      assertEquals(Map.of("reason", "FORBIDDEN"), Json.parse(ended.payload()));
      publisher.sendJson(FrameType.CALL, 0,
          "{\"id\":2,\"method\":\"stream\",\"params\":{\"channel\":\"alpha\",\"count\":1,\"intervalMs\":1}}");
      assertEquals(alpha, carol.next(FrameType.MESSAGE).channel(), "alpha still delivers");
      assertFalse(carol.socket.isClosed());
    }
  }
}
