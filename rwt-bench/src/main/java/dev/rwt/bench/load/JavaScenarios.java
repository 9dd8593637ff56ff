package dev.rwt.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * What the suite runs on a Java server with the bench WAR: RWT next to the plain Jakarta
 * endpoint of the same server, so every RWT figure has its ceiling from the same minute.
 */
final class JavaScenarios {
  private final Target t;
  private final Consumer<Measurement> out;
  private final Map<String, Double> rawSaturation;
  private final RawDialect raw;

  JavaScenarios(Target t, Consumer<Measurement> out, Map<String, Double> rawSaturation) {
    this.t = t;
    this.out = out;
    this.rawSaturation = rawSaturation;
    this.raw = new RawDialect(t.clients(), t.base(), "raw");
  }

  /**
   * Runs the freshly started server's code paths (echo and fan-out, raw and RWT) for a while,
   * unmeasured, so that the first figures are not the JIT compiler's warm-up.
   */
  void warmUp(boolean encrypted) throws Exception {
    Target quick = new Target(t.server(), t.base(), t.pid(), t.clients(), t.plan().warmUp());
    int size = quick.plan().echoSizes().get(0);
    try (RwtDialect rwt = new RwtDialect(t.clients(), t.base(), encrypted, false)) {
      EchoScenario echo = new EchoScenario(quick);
      echo.run(raw, size, () -> 0);
      echo.run(rwt, size, rwt::errors);
      try (FanoutGroup g = new FanoutGroup(quick, rwt, quick.plan().subscribers().get(0))) {
        g.saturate(rwt, rwt::errors);
      }
    }
  }

  /**
   * Echo: raw and RWT MAC (direct message) alternating, the median of {@link Plan#repeats} runs
   * each, and RWT through RPC at the smallest size. When {@code profiler} is given, one more RWT
   * MAC run at the smallest size is profiled into {@code profile}; its figures are not reported.
   */
  void echo(Path profiler, Path profile, List<CpuProfile> profiles) throws Exception {
    try (RwtDialect mac = new RwtDialect(t.clients(), t.base(), false, false);
        RwtDialect rpc = new RwtDialect(t.clients(), t.base(), false, true)) {
      EchoScenario echo = new EchoScenario(t);
      for (int size : t.plan().echoSizes()) {
        Measurement[] medians = alternating(() -> echo.run(raw, size, () -> 0),
            () -> echo.run(mac, size, mac::errors));
        report(medians[0]);
        report(medians[1]);
      }
      int smallest = t.plan().echoSizes().get(0);
      report(echo.run(rpc, smallest, rpc::errors));
      if (profiler != null) {
        CpuProfile.start(profiler, t.pid());
        echo.run(mac, smallest, mac::errors);
        CpuProfile.stop(profiler, t.pid(), profile);
        profiles.add(CpuProfile.read(t.server() + ", RWT MAC echo, " + smallest + " B", profile, 12));
      }
    }
  }

  /**
   * Echo with {@code rwt.encryption.payloads=always} (requests and replies AES-256-GCM) and the
   * raw endpoint of the same server process alternating, the median of {@link Plan#repeats} runs
   * each: GCM's ratio is to a raw figure of the same minutes, not to one taken before the restart.
   */
  void echoEncrypted() throws Exception {
    RawDialect rawBeside = new RawDialect(t.clients(), t.base(), LoadReport.RAW_BESIDE_GCM);
    try (RwtDialect gcm = new RwtDialect(t.clients(), t.base(), true, false)) {
      EchoScenario echo = new EchoScenario(t);
      for (int size : t.plan().echoSizes()) {
        Measurement[] medians = alternating(() -> echo.run(rawBeside, size, () -> 0),
            () -> echo.run(gcm, size, gcm::errors));
        report(medians[0]);
        report(medians[1]);
      }
    }
  }

  /**
   * Fan-out for each group size: raw and RWT (MAC) saturated, alternating, the median of
   * {@link Plan#repeats} runs each; then each at half raw's saturated rate, alternating again, the
   * run with the median p99 of each (a single p99 swings with one stall); and RWT saturated
   * with an encrypting publisher. Both groups stay connected throughout. When {@code profiler}
   * is given, one more RWT MAC run on the largest group is profiled into {@code profile}; its
   * figures are not reported (sampling costs the server some of its CPU).
   */
  void fanout(Path profiler, Path profile, List<CpuProfile> profiles) throws Exception {
    List<Integer> groups = t.plan().subscribers();
    for (int s : groups) {
      try (RwtDialect mac = new RwtDialect(t.clients(), t.base(), false, false);
          RwtDialect gcm = new RwtDialect(t.clients(), t.base(), true, false);
          FanoutGroup r = new FanoutGroup(t, raw, s);
          FanoutGroup g = new FanoutGroup(t, mac, s)) {
        Measurement[] medians = alternating(() -> r.saturate(raw, () -> 0), () -> g.saturate(mac, mac::errors));
        Measurement sat = report(medians[0]);
        rawSaturation.put(t.server() + "/" + s, sat.rate());
        double half = sat.rate() / s / 2;
        Measurement[] latency = alternating(() -> r.fixedRate(raw, half, () -> 0),
            () -> g.fixedRate(mac, half, mac::errors), Measurement::p99);
        report(latency[0]);
        report(medians[1]);
        report(latency[1]);
        report(g.saturate(gcm, gcm::errors));
        if (profiler != null && s == groups.get(groups.size() - 1)) {
          CpuProfile.start(profiler, t.pid());
          g.saturate(mac, mac::errors);
          CpuProfile.stop(profiler, t.pid(), profile);
          profiles.add(CpuProfile.read(t.server() + ", RWT MAC fan-out to " + s + " subscribers", profile, 12));
        }
      }
    }
  }

  /** Fan-out (MAC) on a server started with {@code rwt.batching.enabled=false}. */
  void fanoutWithoutBatching() throws Exception {
    for (int s : t.plan().subscribers()) {
      try (RwtDialect mac = new RwtDialect(t.clients(), t.base(), false, false, "RWT MAC, no batching");
          FanoutGroup g = new FanoutGroup(t, mac, s)) {
        report(g.saturate(mac, mac::errors));
        Double sat = rawSaturation.get(t.server() + "/" + s);
        if (sat != null) {
          report(g.fixedRate(mac, sat / s / 2, mac::errors));
        }
      }
    }
  }

  /**
   * Heap and RSS per idle connection, raw and RWT (authenticated, keys agreed) alternating, the
   * median of {@link Plan#repeats} runs each: one full-GC reading of a whole server's heap moves
   * by a few KB per connection from one run to the next.
   */
  void idle() throws Exception {
    try (RwtDialect mac = new RwtDialect(t.clients(), t.base(), false, false)) {
      IdleScenario idle = new IdleScenario(t);
      Measurement[] medians = alternating(() -> idle.run(raw), () -> idle.run(mac), Measurement::heapPerConn);
      report(medians[0]);
      report(medians[1]);
    }
  }

  /** One measured run. */
  private interface Run {
    Measurement run() throws Exception;
  }

  /**
   * Runs {@code a} and {@code b} alternately, {@link Plan#repeats} times each, so that a burst
   * of load elsewhere does not land on one side only; returns the median run of each.
   */
  private Measurement[] alternating(Run a, Run b) throws Exception {
    return alternating(a, b, Measurement::rate);
  }

  /** {@link #alternating(Run, Run)}, the median taken by {@code figure}. */
  private Measurement[] alternating(Run a, Run b, ToDoubleFunction<Measurement> figure) throws Exception {
    List<Measurement> as = new ArrayList<>();
    List<Measurement> bs = new ArrayList<>();
    for (int i = 0; i < t.plan().repeats(); i++) {
      as.add(a.run());
      bs.add(b.run());
    }
    return new Measurement[] {median(as, figure), median(bs, figure)};
  }

  /** The run with the median {@code figure} (the middle one of an odd count); every run is printed. */
  private static Measurement median(List<Measurement> runs, ToDoubleFunction<Measurement> figure) {
    List<Measurement> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(figure));
    if (runs.size() > 1) {
      System.out.println("  runs: " + runs.stream().map(m -> Fmt.fixed(figure.applyAsDouble(m), 0)).toList());
    }
    return sorted.get(sorted.size() / 2);
  }

  private Measurement report(Measurement m) {
    System.out.println(LoadReport.oneLine(m));
    out.accept(m);
    return m;
  }
}
