package dev.rwt.bench.load;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Fan-out across two Payara Micro nodes on one data grid, {@code rwt.backplane=hazelcast} on
 * both. The publisher is always on node A. Its group of subscribers is either on node A too
 * ("same node": RWT delivers directly, and hands each message to the backplane as well, which
 * node B reads and has no one to deliver to), or all on node B ("other node": every delivery
 * crossed the data grid). So the two rows differ only in the hop between the nodes, and every
 * delivery of the second row is a remote one.
 *
 * <p>Both run saturated, then at one fixed rate: half the lower of the two saturated rates, so
 * that both keep up with it and the difference of their latencies is the added latency of the
 * hop, not a queue. Server CPU is both nodes' together, in both rows.
 */
final class ClusterScenarios {
  static final String SERVER = "Payara Micro, 2 nodes";
  static final String SAME_NODE = "RWT MAC, same node";
  static final String OTHER_NODE = "RWT MAC, other node";
  /** Saturated, as {@code fanout}. */
  static final String SATURATED = "cluster";
  /** At the fixed rate, as {@code fanout-half}. */
  static final String FIXED = "cluster-fixed";
  /** Unmeasured saturated runs, each as long as a measured one, before the first figure. */
  static final int WARM_UPS = 3;

  private final Target t;
  private final URI nodeB;
  private final Consumer<Measurement> out;

  /** {@code t}: node A (its base, both nodes' processes); {@code nodeB}: node B's base. */
  ClusterScenarios(Target t, URI nodeB, Consumer<Measurement> out) {
    this.t = t;
    this.nodeB = nodeB;
    this.out = out;
  }

  /**
   * Publishes on node A until a subscriber on node B receives one: both nodes are in one data
   * grid and their backplanes are open. Fails after {@code timeoutMs}.
   */
  void awaitCrossing(long timeoutMs) throws Exception {
    CompletableFuture<Void> arrived = new CompletableFuture<>();
    try (RwtDialect onA = dialect(t.base(), SAME_NODE); RwtDialect onB = dialect(nodeB, OTHER_NODE)) {
      Conn sub = onB.connect(Dialect.Role.FANOUT, (bytes, offset) -> arrived.complete(null)).get(60, TimeUnit.SECONDS);
      Conn pub = onA.connect(Dialect.Role.FANOUT, (bytes, offset) -> { }).get(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + timeoutMs * 1_000_000;
      for (long id = 0; !arrived.isDone(); id++) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("nothing published on node A reached node B in " + timeoutMs
              + " ms: the nodes did not form one data grid (see their server.log)");
        }
        pub.send(Stamp.make(id, 0, t.plan().fanoutSize()));
        try {
          arrived.get(500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException notYet) {
          // publish again
        }
      }
      sub.close();
      pub.close();
    }
  }

  /**
   * The four figures for the smallest group size of the plan: each path saturated, then at the
   * fixed rate. The nodes are fresh, so first a group split over both nodes is driven for
   * {@link #WARM_UPS} unmeasured runs: both nodes deliver, and the JIT compiler has compiled both
   * paths before the first figure (with one short warm-up per group, the first figure taken was
   * half of what the same path gave a minute later).
   */
  void run() throws Exception {
    int s = t.plan().subscribers().get(0);
    try (RwtDialect same = dialect(t.base(), SAME_NODE);
        RwtDialect publisher = dialect(t.base(), OTHER_NODE);
        RwtDialect remote = dialect(nodeB, OTHER_NODE)) {
      try (FanoutGroup onA = new FanoutGroup(t, same, s / 2); FanoutGroup onB = new FanoutGroup(t, remote, s - s / 2)) {
        for (int i = 0; i < WARM_UPS; i++) {
          onB.warmUp(publisher, () -> 0);
        }
      }
      IntSupplier crossErrors = () -> publisher.errors() + remote.errors();
      Measurement crossSaturated;
      try (FanoutGroup g = new FanoutGroup(t, remote, s)) {
        crossSaturated = report(g.saturate(publisher, crossErrors), SATURATED);
      }
      double perSecond;
      try (FanoutGroup g = new FanoutGroup(t, same, s)) {
        Measurement sameSaturated = report(g.saturate(same, same::errors), SATURATED);
        perSecond = fixedRate(sameSaturated, crossSaturated);
        report(g.fixedRate(same, perSecond, same::errors), FIXED);
      }
      try (FanoutGroup g = new FanoutGroup(t, remote, s)) {
        report(g.fixedRate(publisher, perSecond, crossErrors), FIXED);
      }
    }
  }

  /** Publishes/s both paths sustain: half the lower saturated rate (deliveries/s over subscribers). */
  static double fixedRate(Measurement a, Measurement b) {
    return Math.min(a.rate(), b.rate()) / a.conns() / 2;
  }

  private RwtDialect dialect(URI base, String label) {
    return new RwtDialect(t.clients(), base, false, false, label);
  }

  private Measurement report(Measurement m, String scenario) {
    Measurement renamed = new Measurement(m.server(), m.peer(), scenario, m.size(), m.conns(), m.rate(), m.p50(),
        m.p99(), m.p999(), m.max(), m.generatorCores(), m.serverCores(), m.heapPerConn(), m.rssPerConn(), m.errors());
    System.out.println(LoadReport.oneLine(renamed));
    out.accept(renamed);
    return renamed;
  }
}
