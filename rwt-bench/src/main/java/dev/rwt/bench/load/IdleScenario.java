package dev.rwt.bench.load;

import java.util.List;

/**
 * Connection capacity: the server's live heap (after full GCs, from its heap probe) and its
 * resident set before and after opening N idle connections (for RWT: authenticated, keys
 * agreed, nothing subscribed), divided by N.
 */
final class IdleScenario {
  private final Target target;

  IdleScenario(Target target) {
    this.target = target;
  }

  Measurement run(Dialect dialect) throws Exception {
    int n = target.plan().idleConnections();
    double heapBefore = target.heapUsed();
    double rssBefore = CpuMeter.rssBytes(target.pid());
    List<Conn> conns = target.clients().openAll(n, () -> dialect.connect(Dialect.Role.IDLE, (b, o) -> { }));
    Thread.sleep(1000);
    double heapAfter = target.heapUsed();
    double rssAfter = CpuMeter.rssBytes(target.pid());
    conns.forEach(Conn::close);
    Thread.sleep(1000);
    return new Measurement(target.server(), dialect.label(), "idle", 0, n, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, (heapAfter - heapBefore) / n, (rssAfter - rssBefore) / n, 0);
  }
}
