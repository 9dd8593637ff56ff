package dev.rwt.backplane.hazelcast;

import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.awaitCount;
import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.connect;
import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.received;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rwt.client.ReconnectionPolicy;
import dev.rwt.client.RwtClient;
import dev.rwt.client.RwtEvents;
import dev.rwt.testing.Eventually;
import dev.rwt.testing.Tokens;
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
 * message, while the other node keeps publishing: the stopping node parks each session in the
 * data grid, with its place in the reliable topic's ring buffer, before telling its client 1001;
 * the other node adopts it on the client's resume and replays what was published since. A client
 * that comes back only after its place has left the ring buffer is refused the resume and told.
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
  void subscribersOfAStoppedNodeResumeOnTheOtherWithEveryMessageExactlyOnceWhileItPublishes() throws Exception {
    try (Balancer toPlain = new Balancer(a.httpPort());
        Balancer toHeld = new Balancer(a.httpPort());
        Balancer toLate = new Balancer(a.httpPort());
        RwtClient plain = subscriber(toPlain, "ivy");
        RwtClient held = subscriber(toHeld, "jim");
        RwtClient late = subscriber(toLate, "joe");
        RwtClient witness = connect(a, "kim");
        RwtClient publisher = connect(b, "lee")) {
      witness.subscribe(CHANNEL).get(30, TimeUnit.SECONDS);
      List<String> atPlain = received(plain, CHANNEL);
      List<String> atHeld = received(held, CHANNEL);
      List<String> atWitness = received(witness, CHANNEL);
      List<Object> continuityLost = new CopyOnWriteArrayList<>();
      plain.on(RwtEvents.CONTINUITY_LOST, continuityLost::add);
      held.on(RwtEvents.CONTINUITY_LOST, continuityLost::add);
      List<RwtEvents.ContinuityLost> lateLost = new CopyOnWriteArrayList<>();
      late.on(RwtEvents.CONTINUITY_LOST, lateLost::add);
      String plainSession = plain.getStatus().sessionId();
      String heldSession = held.getStatus().sessionId();
      String lateSession = late.getStatus().sessionId();

      // what node A sends to "held" from now on never arrives: A keeps it unacknowledged
      toHeld.holdFromNodes();
      publish(publisher, CHANNEL, 1, BEFORE);
      awaitCount(atWitness, BEFORE); // node A has delivered them all
      awaitCount(atPlain, BEFORE);
      assertEquals(List.of(), atHeld, "held back by the balancer");
      witness.close();

      int last;
      try (Publishing meanwhile = new Publishing(publisher, BEFORE + 1)) {
        toPlain.pointAt(b.httpPort());
        toHeld.pointAt(b.httpPort());
        toLate.pointAt(PayaraNode.freePort()); // "late" finds no node for now
        a.close(); // SIGTERM: "plain" hears 1001 and resumes on B by itself
        toHeld.cutAll(); // "held" never heard the 1001: its connection just drops

        for (RwtClient c : List.of(plain, held)) {
          Eventually.await(() -> c.getStatus().connected(), () -> c + " connected again", 60_000);
        }
        Thread.sleep(1000); // B goes on publishing to the resumed sessions
        last = meanwhile.stop();
      }
      assertEquals(plainSession, plain.getStatus().sessionId(), "resumed, not a new session");
      assertEquals(heldSession, held.getStatus().sessionId(), "resumed, not a new session");
      publish(publisher, CHANNEL, last + 1, last + AFTER);
      int total = last + AFTER;

      awaitCount(atPlain, total);
      awaitCount(atHeld, total);
      assertEquals(numbers(1, total), atPlain, "told 1001 by A, resumed on B while B published");
      assertEquals(numbers(1, total), atHeld, "cut from A, resumed on B: A's unacknowledged frames resent, then B's");
      assertEquals(List.of(), continuityLost);

      // more than the ring buffer keeps, while "late" cannot reach a node: its place is overwritten
      long capacity = ((Number) publisher.call("cluster.logCapacity", Map.of(), Duration.ofSeconds(30))
          .get(30, TimeUnit.SECONDS)).longValue();
      for (long n = 1; n <= capacity + 100; n += 1000) {
        publish(publisher, "filler", (int) n, (int) Math.min(n + 999, capacity + 100));
      }
      toLate.pointAt(b.httpPort());
      Eventually.await(() -> !lateLost.isEmpty(), () -> "late told that continuity was lost", 60_000);
      assertEquals(lateSession, lateLost.get(0).previousSession());
      assertNotEquals(lateSession, late.getStatus().sessionId(), "a new session, not a silent gap");
    }
  }

  /** Publishes on B, a few messages at a time, until stopped: the traffic a session moves through. */
  private static final class Publishing implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int next;
    private volatile Exception failure;

    Publishing(RwtClient publisher, int first) {
      next = first;
      thread = new Thread(() -> {
        try {
          while (running) {
            publish(publisher, CHANNEL, next, next + 4);
            next += 5;
            Thread.sleep(20);
          }
        } catch (Exception e) {
          failure = e;
        }
      }, "publishing-on-b");
      thread.start();
    }

    /** Stops after the current publish; the last number published. */
    int stop() throws Exception {
      running = false;
      thread.join(60_000);
      if (failure != null) {
        throw failure;
      }
      return next - 1;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(60_000);
    }
  }

  private static RwtClient subscriber(Balancer balancer, String subject) throws Exception {
    RwtClient c = RwtClient.builder(balancer.endpoint()).authToken(Tokens.all(subject))
        .reconnection(new ReconnectionPolicy(true, 300, Duration.ofMillis(500), Duration.ofMillis(500), 1.0, 0, true))
        .build();
    c.connect().get(30, TimeUnit.SECONDS);
    c.subscribe(CHANNEL).get(30, TimeUnit.SECONDS);
    return c;
  }

  private static void publish(RwtClient publisher, String channel, int first, int last) throws Exception {
    Object published = publisher.call("cluster.range", Map.of("channel", channel, "first", first, "last", last),
        Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
    assertEquals(last - first + 1, ((Number) published).intValue());
  }

  private static List<String> numbers(int first, int last) {
    return IntStream.rangeClosed(first, last).mapToObj(n -> "null:" + n).toList();
  }
}
