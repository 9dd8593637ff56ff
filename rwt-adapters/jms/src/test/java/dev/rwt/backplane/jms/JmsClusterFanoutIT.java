package dev.rwt.backplane.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwt.client.MessageFilter;
import dev.rwt.client.ReceivedMessage;
import dev.rwt.client.RwtClient;
import dev.rwt.client.RwtEvents;
import dev.rwt.protocol.Json;
import dev.rwt.testing.Eventually;
import dev.rwt.testing.Tokens;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two WildFly processes in {@code standalone-full.xml} sharing one Artemis broker (node A's
 * embedded one; node B reaches it through its pooled connection factory over HTTP), the product
 * WAR with this adapter on both, {@code rwt.backplane=jms} with the default JNDI names, and real
 * clients on each node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JmsClusterFanoutIT {

  static final Map<String, String> CONFIG = new TreeMap<>(Map.of(
      "rwt.backplane", "jms",
      "rwt.auth.jwt.secret", Tokens.SECRET,
      "rwt.limits.messages-per-second", "5000",
      "rwt.limits.max-frame-bytes", "65536"));
  static final String USER = "rwt-node";
  static final String PASSWORD = "rwt-node-test-password";

  static WildFlyNode a;
  static WildFlyNode b;
  static File war;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeAll
  static void startTwoNodes() throws Exception {
    Path dir = Path.of(System.getProperty("rwt.test.tmpdir"), "jms-cluster-it");
    Files.createDirectories(dir);
    war = war(dir.resolve("rwt.war").toFile());
    a = new WildFlyNode("node-a", Integer.getInteger("rwt.jms.port-offset-a"), dir);
    b = new WildFlyNode("node-b", Integer.getInteger("rwt.jms.port-offset-b"), dir);
    a.prepare(xml -> SharedBroker.withHealth(SharedBroker.broker(xml)));
    a.addUser(USER, PASSWORD, "guest");
    b.prepare(xml -> SharedBroker.withHealth(SharedBroker.client(xml, a.httpPort(), USER, PASSWORD)));
    a.start(war);
    b.start(war);
    a.awaitReady(240_000);
    b.awaitReady(240_000);
    try (RwtClient onA = connect(a, "probe-a"); RwtClient onB = connect(b, "probe-b")) {
      Eventually.await(() -> members(onA) == 2 && members(onB) == 2, () -> "both nodes hearing each other", 120_000);
    }
  }

  @AfterAll
  static void stopNodes() {
    for (WildFlyNode n : new WildFlyNode[] {b, a}) {
      if (n != null) {
        n.close();
      }
    }
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
  }

  static File war(File file) {
    JavaArchive adapter = ShrinkWrap.create(JavaArchive.class, "rwt-backplane-jms.jar")
        .as(ExplodedImporter.class)
        .importDirectory(System.getProperty("rwt.adapter.classes"))
        .as(JavaArchive.class);
    String properties = CONFIG.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n"));
    ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rwt.war")))
        .addAsLibrary(adapter)
        .addClasses(ClusterProbe.class, ClusterProbe.Count.class)
        .addAsResource(new StringAsset(properties + "\n"), "META-INF/microprofile-config.properties")
        .as(ZipExporter.class)
        .exportTo(file, true);
    return file;
  }

  static RwtClient connect(WildFlyNode node, String subject) throws Exception {
    RwtClient c = RwtClient.builder(node.endpoint()).authToken(Tokens.all(subject)).build();
    c.connect().get(30, TimeUnit.SECONDS);
    return c;
  }

  RwtClient client(WildFlyNode node, String subject, String channel) throws Exception {
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
    System.out.printf("%d messages from a client over JMS: other node p50 %d ms, p99 %d ms%n",
        count, percentile(otherNode, 50), percentile(otherNode, 99));
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

  /** RWT's backplane readiness check on {@code node}: "UP" or "DOWN: " and its error. */
  static String backplaneReadiness(WildFlyNode node) {
    try {
      Map<?, ?> ready = (Map<?, ?>) Json.parse(node.readiness());
      for (Object check : (List<?>) ready.get("checks")) {
        Map<?, ?> c = (Map<?, ?>) check;
        if ("rwt-backplane".equals(c.get("name"))) {
          Object error = ((Map<?, ?>) c.get("data")).get("error");
          return c.get("status") + (error == null ? "" : ": " + error);
        }
      }
      return "absent from " + ready;
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** Runs last: node A, whose broker both nodes use, goes away and comes back. */
  @Test
  @Order(Integer.MAX_VALUE)
  void whenTheBrokerGoesAwayNodeBReportsItOnceDeliversLocallyAndCarriesOnWhenItIsBack() throws Exception {
    RwtClient ivan = client(b, "ivan", "local");
    RwtClient judy = client(b, "judy", "local");
    List<String> atJudy = received(judy, "local");
    List<String> judysErrors = new CopyOnWriteArrayList<>();
    judy.on(RwtEvents.ERROR, e -> judysErrors.add(e.code() + " on " + e.details().get("channel")));
    assertEquals("UP", backplaneReadiness(b));

    a.close();
    Eventually.await(() -> backplaneReadiness(b).startsWith("DOWN"), () -> "node B not ready: " + backplaneReadiness(b),
        120_000);
    assertEquals("DOWN: the jms backplane is failing: messages between nodes may be lost", backplaneReadiness(b));
    Eventually.await(() -> !judysErrors.isEmpty(), () -> "a subscriber on node B told of the outage", 30_000);
    assertEquals(List.of("INTERNAL on local"), judysErrors, "told once, on its subscription");

    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int n = 0; n < 20; n++) {
      sent.add(ivan.send("local", n));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    awaitCount(atJudy, 20);
    assertEquals(numbered("ivan", 20), atJudy, "local delivery goes on without the backplane");
    String log = b.serverLog();
    assertEquals(1, occurrences(log, "backplane failing, messages between nodes may be lost"),
        "one SEVERE line for the outage");

    a.start(war);
    a.awaitReady(240_000);
    Eventually.await(() -> backplaneReadiness(b).equals("UP"), () -> "node B ready again: " + backplaneReadiness(b),
        180_000);
    assertEquals(1, occurrences(b.serverLog(), "backplane working again"), "one WARNING when it is over");
    RwtClient kim = client(a, "kim", "again");
    RwtClient leo = client(b, "leo", "again");
    Eventually.await(() -> members(kim) == 2, () -> "node A hearing node B again", 60_000);
    List<String> atKim = received(kim, "again");
    for (int n = 0; n < 20; n++) {
      leo.send("again", n).get(30, TimeUnit.SECONDS);
    }
    awaitCount(atKim, 20);
    assertEquals(numbered("leo", 20), atKim, "from node B to node A again, once each and in order");
  }

  static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
