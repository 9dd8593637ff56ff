package dev.rwt.backplane.hazelcast;

import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.connect;
import static dev.rwt.backplane.hazelcast.ClusterFanoutIT.members;

import dev.rwt.client.RwtClient;
import dev.rwt.testing.Eventually;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The two clustered Payara Micro nodes every cluster IT shares, since starting them takes
 * minutes: started on first use, stopped (SIGTERM) when the test JVM exits. A test that stops
 * one runs after the others ({@code junit-platform.properties} orders the classes by
 * {@code @Order}).
 */
final class TwoNodes {

  private static PayaraNode[] nodes;

  private TwoNodes() {}

  /** Node A and node B, started once, when both see each other. */
  static synchronized PayaraNode[] get() throws Exception {
    if (nodes == null) {
      nodes = start();
    }
    return nodes;
  }

  private static PayaraNode[] start() throws Exception {
    Path dir = Path.of(System.getProperty("rwt.test.tmpdir"), "cluster-it");
    Files.createDirectories(dir);
    File war = ClusterFanoutIT.war(dir.resolve("rwt.war").toFile());
    int clusterA = PayaraNode.freePort();
    int clusterB = PayaraNode.freePort();
    String members = "127.0.0.1:" + clusterA + ",127.0.0.1:" + clusterB;
    String cluster = "rwt-it-" + UUID.randomUUID();
    PayaraNode a = new PayaraNode("node-a", PayaraNode.freePort(), dir);
    PayaraNode b = new PayaraNode("node-b", PayaraNode.freePort(), dir);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(a, b), "stop-cluster"));
    a.start(war, clusterA, cluster, members);
    b.start(war, clusterB, cluster, members);
    a.awaitReady(240_000);
    b.awaitReady(240_000);
    try (RwtClient onA = connect(a, "probe-a"); RwtClient onB = connect(b, "probe-b")) {
      Eventually.await(() -> members(onA) == 2 && members(onB) == 2, () -> "both nodes in one cluster", 120_000);
    }
    return new PayaraNode[] {a, b};
  }

  private static void stop(PayaraNode... stopping) {
    for (PayaraNode n : stopping) {
      try {
        n.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
