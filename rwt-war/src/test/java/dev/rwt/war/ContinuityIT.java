package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.SealOptions;
import dev.rwt.testing.Tokens;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Session continuity (PROTOCOL.md section 6) through a proxy that cuts the TCP connections at
 * random points: nothing is lost, nothing repeated, order kept, in both directions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContinuityIT {

  private static final int N = 300;
  private static final int CUTS = 3;

  /** Generous heartbeat; a resume TTL short enough to test its expiry, long enough for a busy machine. */
  private static final long RESUME_TTL_MS = 8_000;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.testWar(
        Map.of("rwt.heartbeat-ms", "10000", "rwt.session.resume-ttl-ms", Long.toString(RESUME_TTL_MS)));
  }

  @ArquillianResource URL base;

  @Test
  void aSubscriberCutThreeTimesReceivesEveryMessageExactlyOnceInOrder() throws Exception {
    Random random = new Random(42);
    String token = Tokens.all("subscriber");
    try (CuttingProxy proxy = new CuttingProxy(base);
        RwtPeer publisher = RwtPeer.connect(base, Tokens.all("publisher"))) {
      URL via = proxy.base(base);
      RwtPeer subscriber = RwtPeer.connect(via, token);
      subscriber.subscribe("numbers");
      publisher.sendJson(FrameType.CALL, 0,
          "{\"id\":1,\"method\":\"stream\",\"params\":{\"channel\":\"numbers\",\"count\":" + N + ",\"intervalMs\":4}}");
      publisher.next(FrameType.RESULT);

      List<Long> received = new ArrayList<>();
      for (int cut = 1; cut <= CUTS; cut++) {
        int cutAt = cut * N / (CUTS + 1) + random.nextInt(N / 10);
        collect(subscriber, received, cutAt);
        proxy.cutAll();
        RwtPeer resumed = RwtPeer.resume(via, token, subscriber);
        takeNumbers(subscriber.drain(), received);
        subscriber = resumed;
        assertTrue(subscriber.welcome.resumed(), "cut " + cut + " resumed");
      }
      collect(subscriber, received, N);
      subscriber.close();
      assertEquals(LongStream.rangeClosed(1, N).boxed().toList(), received);
    }
  }

  @Test
  void aPublisherCutThreeTimesDeliversEveryMessageExactlyOnceInOrder() throws Exception {
    Random random = new Random(7);
    String token = Tokens.all("sender");
    try (CuttingProxy proxy = new CuttingProxy(base);
        RwtPeer observer = RwtPeer.connect(base, Tokens.all("observer"))) {
      URL via = proxy.base(base);
      RwtPeer sender = RwtPeer.connect(via, token);
      int inbound = sender.subscribe("inbound");
      List<Integer> cutsAt = new ArrayList<>();
      for (int cut = 1; cut <= CUTS; cut++) {
        cutsAt.add(cut * N / (CUTS + 1) + random.nextInt(N / 10));
      }
      for (int n = 1; n <= N; n++) {
        if (cutsAt.contains(n)) {
          proxy.cutAll();
        }
        try {
          sender.send(FrameType.MESSAGE, inbound, Long.toString(n).getBytes(StandardCharsets.UTF_8), SealOptions.json());
        } catch (Exception cut) {
          sender = RwtPeer.resume(via, token, sender); // resends what the server does not have
          assertTrue(sender.welcome.resumed(), "resumed after the cut before " + n);
        }
        Thread.sleep(2);
      }
      List<?> received = List.of();
      for (int i = 0; i < 100 && received.size() < N; i++) {
        Thread.sleep(100);
        observer.sendJson(FrameType.CALL, 0, "{\"id\":" + (100 + i) + ",\"method\":\"inbound.received\"}");
        Map<?, ?> result = (Map<?, ?>) Json.parse(observer.next(FrameType.RESULT).payload());
        received = (List<?>) result.get("result");
      }
      sender.close();
      assertEquals(LongStream.rangeClosed(1, N).boxed().toList(), received);
    }
  }

  @Test
  void aResumeWhoseWelcomeWasLostCanBeRetriedButAConfirmedKeyRetiresTheOldOne() throws Exception {
    String token = Tokens.all("retry");
    RwtPeer first = RwtPeer.connect(base, token);
    dev.rwt.protocol.ResumeTicket original = first.resumeTicket();
    first.close();
    // the WELCOME of this resume is "lost": the client drops it and never uses the new keys
    assertTrue(RwtPeer.handshakeThenDrop(base, token, original).resumed());
    try (RwtPeer retry = RwtPeer.connect(base, token, original)) {
      assertTrue(retry.welcome.resumed(), "the old resume key still works until the new one is confirmed");
      retry.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"whoami\"}");
      retry.next(FrameType.RESULT);
    }
    // a frame under the new keys confirmed them: the original key is erased now
    IllegalStateException refused =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> RwtPeer.connect(base, token, original));
    assertTrue(refused.getMessage().contains("4004"), refused.getMessage());
  }

  @Test
  void afterTheResumeTtlTheSessionIsGoneAndTheClientIsTold() throws Exception {
    String token = Tokens.all("late");
    RwtPeer late = RwtPeer.connect(base, token);
    late.subscribe("late.news");
    // a client that goes away (1001, a closing tab) leaves a resumable session; a cut that the
    // server has not noticed yet would leave it attached, and the TTL runs from the drop only
    late.socket.sendClose(1001);
    late.awaitClose();
    Thread.sleep(RESUME_TTL_MS + 1_500);
    try (RwtPeer again = RwtPeer.resume(base, token, late)) {
      assertFalse(again.welcome.resumed(), "continuity lost, and WELCOME says so");
      assertEquals(0, again.welcome.lastSeq());
    }
  }

  @Test
  void aClientThatWentAwayResumesWithinTheTtl() throws Exception {
    String token = Tokens.all("back");
    RwtPeer back = RwtPeer.connect(base, token);
    int id = back.subscribe("back.news");
    back.socket.sendClose(1001);
    back.awaitClose();
    try (RwtPeer again = RwtPeer.resume(base, token, back)) {
      assertTrue(again.welcome.resumed(), "1001 from the client keeps the session");
      assertEquals(id, again.subscribe("back.news"), "its subscriptions are still there");
    }
  }

  @Test
  void aNeverReadingConsumerIsClosedWhileAHealthyOneGetsEverything() throws Exception {
    try (RwtPeer slow = RwtPeer.connect(base, Tokens.all("slow"));
        RwtPeer healthy = RwtPeer.connect(base, Tokens.all("healthy"));
        RwtPeer caller = RwtPeer.connect(base, Tokens.all("caller"))) {
      slow.autoAck = false;
      slow.subscribe("firehose");
      healthy.subscribe("firehose");
      // two halves of 200 KiB: the healthy subscriber acknowledges the first before the second
      // comes, so only the one that acknowledges nothing goes over the 256 KiB bound
      caller.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"firehose\",\"params\":200}");
      caller.next(FrameType.RESULT);
      for (int i = 0; i < 200; i++) {
        healthy.next(FrameType.MESSAGE);
      }
      Thread.sleep(500); // its ACKs reach the server
      caller.sendJson(FrameType.CALL, 0, "{\"id\":3,\"method\":\"firehose\",\"params\":200}");
      caller.next(FrameType.RESULT);
      assertEquals(4008, slow.awaitClose().code());
      // 400 KiB went to a consumer that acknowledged nothing: the server kept at most its bound
      // (256 KiB in the test configuration) and dropped it all with the session
      caller.sendJson(FrameType.CALL, 0, "{\"id\":2,\"method\":\"server.retained\"}");
      long retained = (Long) ((Map<?, ?>) Json.parse(caller.next(FrameType.RESULT).payload())).get("result");
      assertTrue(retained < 262_144, "retained after the slow consumer was dropped: " + retained);
      int delivered = 200;
      while (delivered < 400) {
        healthy.next(FrameType.MESSAGE);
        delivered++;
      }
      assertEquals(400, delivered);
    }
  }

  private static void collect(RwtPeer peer, List<Long> into, int until) throws InterruptedException {
    while (into.size() < until) {
      OpenedFrame f = peer.next(FrameType.MESSAGE);
      into.add(number(f));
    }
  }

  private static void takeNumbers(List<OpenedFrame> frames, List<Long> into) throws Exception {
    for (OpenedFrame f : frames) {
      if (f.type() == FrameType.MESSAGE) {
        into.add(number(f));
      }
    }
  }

  private static long number(OpenedFrame f) {
    try {
      return (Long) ((Map<?, ?>) Json.parse(f.payload())).get("n");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
