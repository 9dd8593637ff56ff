package dev.rwt.bench.load;

import java.util.List;

/**
 * Connection capacity: the server's live heap (after full GCs, from its heap probe) with N idle
 * connections open (for RWT: authenticated, keys agreed, nothing subscribed), less the heap
 * without them, over N. "Without them" is the lower of the heap before opening and after
 * closing: earlier scenarios may still be releasing memory when the first probe runs, and the
 * lower baseline keeps that from being subtracted from the connections' cost. RSS is taken the
 * same way, for what it is worth with a pre-sized heap.
 */
final class IdleScenario {
  private static final long SETTLE_MS = 2000;

  private final Target target;

  IdleScenario(Target target) {
    this.target = target;
  }

  Measurement run(Dialect dialect) throws Exception {
    int n = target.plan().idleConnections();
    Thread.sleep(SETTLE_MS);
    double heapBefore = target.heapUsed();
    double rssBefore = CpuMeter.rssBytes(target.pid());
    List<Conn> conns = target.clients().openAll(n, () -> dialect.connect(Dialect.Role.IDLE, (b, o) -> { }));
    Thread.sleep(SETTLE_MS);
    double heapOpen = target.heapUsed();
    double rssOpen = CpuMeter.rssBytes(target.pid());
    conns.forEach(Conn::close);
    Thread.sleep(SETTLE_MS);
    double heapBase = Math.min(heapBefore, target.heapUsed());
    double rssBase = Math.min(rssBefore, CpuMeter.rssBytes(target.pid()));
    return new Measurement(target.server(), dialect.label(), "idle", 0, n, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, (heapOpen - heapBase) / n, (rssOpen - rssBase) / n, 0);
  }
}
