package dev.rwt.client.it;

import static dev.rwt.client.it.ClientIT.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwt.client.RwtClient;
import dev.rwt.client.RwtClientBuilder;
import dev.rwt.client.RwtEvents;
import dev.rwt.testing.Eventually;
import dev.rwt.testing.Tokens;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Natural batching both ways between the Java client and the real WAR on Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BurstIT {

  /**
   * The test configuration with the default rotation interval. With the tests' 1 s epochs, a
   * loaded machine's server can spend longer than an epoch on the entries of one batch while
   * the client's next message waits unread in the socket; by the time it is read its token has
   * left the window (4010). That is the server's pace under load, not batching. How frames that
   * wait cross epochs is tested with a test clock (SendQueueTest, rwt-protocol's BatchTest).
   */
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war(Map.of("rwt.rotation.interval-ms", "60000"));
  }

  @ArquillianResource URL base;

  private final List<RwtClient> clients = new ArrayList<>();

  @AfterEach
  void closeAll() {
    clients.forEach(RwtClient::close);
  }

  private RwtClient open(String subject, String... channels) throws Exception {
    URI endpoint = URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + "rwt");
    RwtClientBuilder b = RwtClient.builder(endpoint).authToken(Tokens.all(subject)).channels(channels);
    RwtClient c = b.build();
    clients.add(c);
    await(c.connect());
    return c;
  }

  /**
   * Bursts both ways: the server sends what piles up for a subscriber as BATCH messages and
   * this client takes them apart; the client's own burst leaves in batches that the server
   * takes apart. Every number arrives once, in order, on both sides.
   */
  @Test
  void burstsTravelInBatchesAndArriveWholeAndInOrder() throws Exception {
    RwtClient batcher = open("batcher", "burst.numbers");
    RwtClient publisher = open("burst-publisher");
    List<String> events = new CopyOnWriteArrayList<>();
    batcher.on(RwtEvents.DISCONNECT, d -> events.add("disconnect " + d.code() + " " + d.reason()));
    batcher.on(RwtEvents.RECONNECT, r -> events.add("reconnect " + r.success() + " resumed " + r.resumed()));
    batcher.on(RwtEvents.CONTINUITY_LOST, l -> events.add("continuity lost"));
    batcher.on(RwtEvents.ERROR, e -> events.add("error " + e.code() + " " + e.getMessage()));
    List<Long> got = Collections.synchronizedList(new ArrayList<>());
    batcher.on(RwtEvents.message("burst.numbers"), m -> got.add((Long) m.data()));
    Eventually.await(() -> batcher.isSubscribed("burst.numbers"), () -> "subscribed");
    int n = 1000;
    await(publisher.call("burst", Map.of("channel", "burst.numbers", "from", 0, "count", n)));
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sends.add(batcher.send("tally", i));
    }
    for (CompletableFuture<?> f : sends) {
      await(f);
    }
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      expected.add(i);
    }
    Eventually.await(() -> got.size() >= n, () -> "numbers received: " + got.size() + ", events " + events);
    assertEquals(expected, got, "server to client, events " + events);
    Eventually.await(() -> batcher.getStatus().unackedFrames() == 0, () -> "client frames acknowledged, events " + events);
    assertEquals(expected, await(batcher.call("tally", null)), "client to server, events " + events);
  }
}
