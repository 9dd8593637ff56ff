package dev.rwt.war;

import static dev.rwt.war.RwtPeer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SealOptions;
import dev.rwt.testing.Tokens;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Channels, relays, observers and RPC through real clients on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChannelsAndRpcIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.testWar();
  }

  @ArquillianResource URL base;

  @Test
  void welcomeAnnouncesTheConfiguredSettings() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      assertEquals("fixed", alice.welcome.pattern());
      assertEquals(1500, alice.welcome.intervalMs());
      assertEquals(65536, alice.welcome.maxFrameBytes());
      assertFalse(alice.welcome.resumed());
      assertTrue(alice.welcome.authExp() > System.currentTimeMillis());
    }
  }

  @Test
  void macAndEncryptedMessagesAreRelayedBothWaysWhileEpochsRotate() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
        RwtPeer bob = RwtPeer.connect(base, Tokens.all("bob"))) {
      int aliceChat = alice.subscribe("chat");
      int bobChat = bob.subscribe("chat");
      Set<Long> epochs = new HashSet<>();
      for (int i = 0; i < 8; i++) {
        boolean encrypt = i % 2 == 1;
        SealOptions options = encrypt ? SealOptions.json().encrypted() : SealOptions.json();
        alice.send(FrameType.MESSAGE, aliceChat, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), options);
        OpenedFrame atBob = bob.next(FrameType.MESSAGE);
        assertEquals(bobChat, atBob.channel());
        assertEquals("{\"n\":" + i + "}", text(atBob));
        assertEquals(encrypt, atBob.has(RwtWire.FLAG_ENC), "the relay keeps the sender's choice");
        assertEquals("alice", atBob.meta().get("from"));
        epochs.add(atBob.epoch());

        bob.send(FrameType.MESSAGE, bobChat, ("{\"r\":" + i + "}").getBytes(StandardCharsets.UTF_8), options);
        OpenedFrame atAlice = alice.next(FrameType.MESSAGE);
        assertEquals("{\"r\":" + i + "}", text(atAlice));
        assertEquals("bob", atAlice.meta().get("from"));
        Thread.sleep(250);
      }
      assertTrue(epochs.size() >= 2, "epochs seen: " + epochs);
      assertTrue(alice.session.sendEpoch() >= 1, "alice's send epoch rotated");
    }
  }

  @Test
  void theSenderDoesNotGetItsOwnMessageBack() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
        RwtPeer bob = RwtPeer.connect(base, Tokens.all("bob"))) {
      int aliceId = alice.subscribe("echo-check");
      bob.subscribe("echo-check");
      alice.sendJson(FrameType.MESSAGE, aliceId, "{\"x\":1}");
      assertEquals("{\"x\":1}", text(bob.next(FrameType.MESSAGE)));
      alice.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"whoami\"}");
      alice.next(FrameType.RESULT);
      assertTrue(alice.drain().stream().noneMatch(f -> f.type() == FrameType.MESSAGE));
    }
  }

  @Test
  void anObserverAnswersTheSenderOnTheChannel() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      int orders = alice.subscribe("orders");
      alice.sendJson(FrameType.MESSAGE, orders, "{\"id\":\"o-7\",\"qty\":3}");
      OpenedFrame ack = alice.next(FrameType.MESSAGE);
      assertEquals(orders, ack.channel());
      assertEquals(Map.of("id", "o-7", "status", "accepted x3"), Json.parse(ack.payload()));
      assertEquals(null, ack.meta().get("from"), "a server message has no sender");
    }
  }

  @Test
  void aDirectMessageReachesTheServerAndIsAnswered() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.sendJson(FrameType.MESSAGE, 0, "\"hi\"");
      OpenedFrame echo = alice.next(FrameType.MESSAGE);
      assertEquals(0, echo.channel());
      assertEquals(Map.of("echo", "\"hi\""), Json.parse(echo.payload()));
    }
  }

  @Test
  void anRpcMethodAnswersWithItsResult() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      alice.sendJson(FrameType.CALL, 0, "{\"id\":41,\"method\":\"counter.increment\",\"params\":{\"by\":5}}");
      alice.sendJson(FrameType.CALL, 0, "{\"id\":42,\"method\":\"whoami\"}");
      Map<Object, Object> results = new java.util.HashMap<>();
      for (int i = 0; i < 2; i++) {
        Map<?, ?> r = (Map<?, ?>) Json.parse(alice.next(FrameType.RESULT).payload());
        results.put(r.get("id"), r.get("result"));
      }
      assertTrue(((Long) results.get(41L)) >= 5);
      assertEquals("alice", results.get(42L));
    }
  }

  @Test
  void anInjectedChannelPublishesToItsSubscribers() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
        RwtPeer bob = RwtPeer.connect(base, Tokens.all("bob"))) {
      int newsId = bob.subscribe("news");
      alice.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"news.publish\",\"params\":\"rates up\"}");
      Map<?, ?> result = (Map<?, ?>) Json.parse(alice.next(FrameType.RESULT).payload());
      assertEquals(1L, result.get("result"));
      OpenedFrame news = bob.next(FrameType.MESSAGE);
      assertEquals(newsId, news.channel());
      assertEquals(Map.of("headline", "rates up"), Json.parse(news.payload()));
    }
  }

  @Test
  void subscribingTwiceAnswersWithTheSameId() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      assertEquals(alice.subscribe("twice"), alice.subscribe("twice"));
    }
  }

  @Test
  void unsubscribeStopsDelivery() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
        RwtPeer bob = RwtPeer.connect(base, Tokens.all("bob"))) {
      int aliceId = alice.subscribe("leaving");
      int bobId = bob.subscribe("leaving");
      bob.send(FrameType.UNSUBSCRIBE, bobId, new byte[0], SealOptions.binary());
      assertEquals(bobId, bob.next(FrameType.UNSUBSCRIBED).channel());
      alice.sendJson(FrameType.MESSAGE, aliceId, "1");
      bob.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"whoami\"}");
      bob.next(FrameType.RESULT);
      assertTrue(bob.drain().stream().noneMatch(f -> f.type() == FrameType.MESSAGE));
    }
  }

  @Test
  void aBatchFromAClientIsTakenApartFrameByFrame() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
        RwtPeer bob = RwtPeer.connect(base, Tokens.all("bob"))) {
      int aliceId = alice.subscribe("batched");
      bob.subscribe("batched");
      java.util.List<byte[]> entries = new java.util.ArrayList<>();
      synchronized (alice) {
        for (int i = 1; i <= 3; i++) {
          entries.add(alice.session.sealNext(FrameType.MESSAGE, aliceId, ("" + i).getBytes(), SealOptions.json()).bytes());
        }
        alice.socket.sendBinary(dev.rwt.protocol.Batch.pack(entries, alice.welcome.maxFrameBytes()));
      }
      for (int i = 1; i <= 3; i++) {
        assertEquals("" + i, text(bob.next(FrameType.MESSAGE)));
      }
    }
  }

  @Test
  void aBurstLeavesTheServerInBatchesThatArriveWholeAndInOrder() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
        RwtPeer bob = RwtPeer.connect(base, Tokens.all("bob"))) {
      bob.subscribe("ticks");
      int before = bob.socket.binaryMessages.get();
      alice.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"burst\",\"params\":{\"channel\":\"ticks\",\"count\":500}}");
      for (int n = 1; n <= 500; n++) {
        assertEquals("{\"n\":" + n + "}", text(bob.next(FrameType.MESSAGE)));
      }
      int messages = bob.socket.binaryMessages.get() - before;
      assertTrue(messages < 500, "500 frames came in " + messages + " WebSocket messages: no BATCH was formed");
    }
  }
}
