package dev.rwt.backplane.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwt.client.MessageFilter;
import dev.rwt.client.ReceivedMessage;
import dev.rwt.client.RwtClient;
import dev.rwt.testing.Eventually;
import dev.rwt.testing.Tokens;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro processes clustered on 127.0.0.1 over TCP/IP, the product WAR with this
 * adapter on both, {@code rwt.backplane=hazelcast}, and real clients on each node.
 */
@Order(1)
class ClusterFanoutIT {

  static final Map<String, String> CONFIG = new TreeMap<>(Map.of(
      "rwt.backplane", "hazelcast",
      "rwt.backplane.hazelcast.topic", "rwt-it",
      "rwt.auth.jwt.secret", Tokens.SECRET,
      "rwt.limits.messages-per-second", "5000",
      "rwt.limits.max-frame-bytes", "65536"));

  static PayaraNode a;
  static PayaraNode b;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeAll
  static void startTwoNodes() throws Exception {
    PayaraNode[] nodes = TwoNodes.get();
    a = nodes[0];
    b = nodes[1];
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
  }

  static File war(File file) {
    JavaArchive adapter = ShrinkWrap.create(JavaArchive.class, "rwt-backplane-hazelcast.jar")
        .as(ExplodedImporter.class)
        .importDirectory(System.getProperty("rwt.adapter.classes"))
        .as(JavaArchive.class);
    String properties = CONFIG.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n"));
    ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rwt.war")))
        .addAsLibrary(adapter)
        .addClasses(ClusterProbe.class, ClusterProbe.Count.class, ClusterProbe.Range.class)
        .addAsResource(new StringAsset(properties + "\n"), "META-INF/microprofile-config.properties")
        .as(ZipExporter.class)
        .exportTo(file, true);
    return file;
  }

  static RwtClient connect(PayaraNode node, String subject) throws Exception {
    RwtClient c = RwtClient.builder(node.endpoint()).authToken(Tokens.all(subject)).build();
    c.connect().get(30, TimeUnit.SECONDS);
    return c;
  }

  RwtClient client(PayaraNode node, String subject, String channel) throws Exception {
    RwtClient c = connect(node, subject);
    clients.add(c);
    c.subscribe(channel).get(30, TimeUnit.SECONDS);
    return c;
  }

  static int members(RwtClient c) {
    return ((Number) c.call("cluster.members", null).orTimeout(30, TimeUnit.SECONDS).join()).intValue();
  }

  /** Collects what {@code client} receives on {@code channel}, as "from:n". */
  static List<String> received(RwtClient client, String channel) {
    List<String> got = new CopyOnWriteArrayList<>();
    client.onMessage(MessageFilter.channel(channel), m -> got.add(m.from() + ":" + number(m)));
    return got;
  }

  static Object number(ReceivedMessage m) {
    return m.data() instanceof Map<?, ?> map ? map.get("n") : m.data();
  }

  static List<String> numbered(String from, int count) {
    return IntStream.range(0, count).mapToObj(n -> from + ":" + n).toList();
  }

  /** Waits for {@code count} messages, then a little longer, so that a duplicate would show. */
  static void awaitCount(List<String> got, int count) throws InterruptedException {
    Eventually.await(() -> got.size() >= count, () -> count + " messages, got " + got.size() + ": " + got, 60_000);
    Thread.sleep(1000);
  }

  @Test
  void aClientsMessagesOnNodeAReachSubscribersOnNodeBOnceAndInOrder() throws Exception {
    int count = 300;
    RwtClient alice = client(a, "alice", "ticks");
    RwtClient carol = client(a, "carol", "ticks");
    RwtClient bob = client(b, "bob", "ticks");
    RwtClient dan = client(b, "dan", "ticks");
    List<String> atAlice = received(alice, "ticks");
    List<String> atCarol = received(carol, "ticks");
    List<String> atBob = received(bob, "ticks");
    List<String> atDan = received(dan, "ticks");
    List<Long> sameNode = latencies(carol, "ticks");
    List<Long> otherNode = latencies(bob, "ticks");

    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      sent.add(alice.send("ticks", n));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    awaitCount(atBob, count);
    awaitCount(atDan, count);
    awaitCount(atCarol, count);
    assertEquals(numbered("alice", count), atBob, "on the other node");
    assertEquals(numbered("alice", count), atDan, "on the other node, second subscriber");
    assertEquals(numbered("alice", count), atCarol, "on the publisher's node, not echoed back");
    assertEquals(List.of(), atAlice, "the publisher gets none of its own");
    // reported, not asserted: the machine may be loaded
    System.out.printf("%d messages from a client: same node p50 %d ms, p99 %d ms; other node p50 %d ms, p99 %d ms%n",
        count, percentile(sameNode, 50), percentile(sameNode, 99), percentile(otherNode, 50), percentile(otherNode, 99));
  }

  /** Milliseconds from the publishing node's META ts to arrival at {@code client}. */
  static List<Long> latencies(RwtClient client, String channel) {
    List<Long> ms = new CopyOnWriteArrayList<>();
    client.onMessage(MessageFilter.channel(channel), m -> ms.add(System.currentTimeMillis() - m.ts()));
    return ms;
  }

  static long percentile(List<Long> values, int p) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
  }

  @Test
  void anInjectedChannelPublishOnNodeBReachesASubscriberOnNodeA() throws Exception {
    int count = 100;
    RwtClient onA = client(a, "erin", "news");
    RwtClient onB = client(b, "frank", "news");
    List<String> atA = received(onA, "news");
    List<String> atB = received(onB, "news");

    assertEquals(count, ((Number) onB.call("cluster.publish", Map.of("count", count), Duration.ofSeconds(30))
        .get(30, TimeUnit.SECONDS)).intValue());

    awaitCount(atA, count);
    awaitCount(atB, count);
    assertEquals(numbered("null", count), atA, "on the other node, from the server");
    assertEquals(numbered("null", count), atB, "on the publishing node");
  }

  @Test
  void bothNodesSeeBothMembers() throws Exception {
    RwtClient onA = client(a, "gina", "ticks");
    RwtClient onB = client(b, "hal", "ticks");
    assertEquals(2, members(onA));
    assertEquals(2, members(onB));
  }
}
