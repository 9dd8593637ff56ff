package dev.rwt.backplane.hazelcast;

import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.awaitCount;
import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.connect;
import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.eventually;
import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.received;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwt.client.RwtClient;
import dev.rwt.client.RwtEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A node stops (SIGTERM, as an operator stops it) and its clients resume their sessions on the
 * other node of the cluster, reached through a load balancer, without losing or repeating a
 * message: the stopping node parks each session in the data grid before telling its client
 * 1001, and the other node adopts it on the client's resume.
 */
@Order(2) // last: it stops node A of the shared cluster
class ClusterResumeIT {

  static final String CHANNEL = "moves";
  static final int BEFORE = 50;
  static final int AFTER = 50;

  static PayaraNode a;
  static PayaraNode b;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    PayaraNode[] nodes = TwoNodes.get();
    a = nodes[0];
    b = nodes[1];
  }

  @Test
  void subscribersOfAStoppedNodeResumeOnTheOtherWithEveryMessageExactlyOnce() throws Exception {
    try (Balancer toPlain = new Balancer(a.httpPort());
        Balancer toHeld = new Balancer(a.httpPort());
        RwtClient plain = subscriber(toPlain, "ivy");
        RwtClient held = subscriber(toHeld, "jim");
        RwtClient witness = connect(a, "kim");
        RwtClient publisher = connect(b, "lee")) {
      witness.subscribe(CHANNEL).get(30, TimeUnit.SECONDS);
      List<String> atPlain = received(plain, CHANNEL);
      List<String> atHeld = received(held, CHANNEL);
      List<String> atWitness = received(witness, CHANNEL);
      List<Object> continuityLost = new CopyOnWriteArrayList<>();
      plain.on(RwtEvents.CONTINUITY_LOST, continuityLost::add);
      held.on(RwtEvents.CONTINUITY_LOST, continuityLost::add);
      String plainSession = plain.getStatus().sessionId();
      String heldSession = held.getStatus().sessionId();

      // what node A sends to "held" from now on never arrives: A keeps it unacknowledged
      toHeld.holdFromNodes();
      publish(publisher, 1, BEFORE);
      awaitCount(atWitness, BEFORE); // node A has delivered them all
      awaitCount(atPlain, BEFORE);
      assertEquals(List.of(), atHeld, "held back by the balancer");
      witness.close();

      toPlain.pointAt(b.httpPort());
      toHeld.pointAt(b.httpPort());
      a.close(); // SIGTERM: "plain" hears 1001 and resumes on B by itself
      toHeld.cutAll(); // "held" never heard the 1001: its connection just drops

      for (RwtClient c : List.of(plain, held)) {
        eventually(() -> c.getStatus().connected(), () -> c + " connected again", 60_000);
      }
      assertEquals(plainSession, plain.getStatus().sessionId(), "resumed, not a new session");
      assertEquals(heldSession, held.getStatus().sessionId(), "resumed, not a new session");
      publish(publisher, BEFORE + 1, BEFORE + AFTER);

      awaitCount(atPlain, BEFORE + AFTER);
      awaitCount(atHeld, BEFORE + AFTER);
      assertEquals(numbers(1, BEFORE + AFTER), atPlain, "told 1001 by A, resumed on B");
      assertEquals(numbers(1, BEFORE + AFTER), atHeld, "cut from A, resumed on B: A's unacknowledged frames resent");
      assertEquals(List.of(), continuityLost);
    }
  }

  private static RwtClient subscriber(Balancer balancer, String subject) throws Exception {
    RwtClient c = RwtClient.builder(balancer.endpoint()).authToken(Tokens.all(subject)).build();
    c.connect().get(30, TimeUnit.SECONDS);
    c.subscribe(CHANNEL).get(30, TimeUnit.SECONDS);
    return c;
  }

  private static void publish(RwtClient publisher, int first, int last) throws Exception {
    Object published = publisher.call("cluster.range", Map.of("channel", CHANNEL, "first", first, "last", last),
        Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
    assertEquals(last - first + 1, ((Number) published).intValue());
  }

  private static List<String> numbers(int first, int last) {
    return IntStream.rangeClosed(first, last).mapToObj(n -> "null:" + n).toList();
  }
}
