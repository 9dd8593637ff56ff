package dev.rwt.bench.load;

import static dev.rwt.bench.load.Fmt.fixed;
import static dev.rwt.bench.load.Fmt.kb;
import static dev.rwt.bench.load.Fmt.rate;
import static dev.rwt.bench.load.Fmt.us;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Writes docs/benchmarks.md and its charts (docs/benchmarks/*.png) from one run's measurements:
 * absolute figures, ratios of RWT to the raw endpoint of the same server and to the Node peers,
 * the targets of issue #10 with where RWT stands, the load generator's own ceiling, and the JFR
 * profile of RWT's fan-out.
 */
final class LoadReport {
  static final String RAW = "raw";
  static final String MAC = "RWT MAC";
  static final String GCM = "RWT GCM";
  /** Echo through an {@code @RwtRpc} method rather than a message observer. */
  static final String MAC_RPC = "RWT MAC RPC";
  /** The raw endpoint measured on the server restarted for GCM, alternating with it. */
  static final String RAW_BESIDE_GCM = "raw, beside GCM";
  static final String NO_BATCHING = "RWT MAC, no batching";

  /** How the run went, for the report's header. */
  record Run(String size, Plan plan, String loadBefore, String loadAfter, double minutes, Boolean batchingSwitch,
      Instant finished) {

    private static final String FILE = "run.properties";

    /** Kept beside results.tsv, so that --report-only describes the run, not the moment of the report. */
    void save(Path work) throws IOException {
      Properties p = new Properties();
      p.setProperty("size", size);
      p.setProperty("loadBefore", loadBefore);
      p.setProperty("loadAfter", loadAfter);
      p.setProperty("minutes", Double.toString(minutes));
      p.setProperty("finished", finished.toString());
      try (Writer w = Files.newBufferedWriter(work.resolve(FILE), StandardCharsets.UTF_8)) {
        p.store(w, "the load suite's run beside results.tsv");
      }
    }

    /** The saved run of {@code work}, with {@code batchingSwitch} as known now. */
    static Run load(Path work, Boolean batchingSwitch) throws IOException {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(work.resolve(FILE), StandardCharsets.UTF_8)) {
        p.load(r);
      }
      String size = p.getProperty("size", "full");
      return new Run(size, Plan.named(size), p.getProperty("loadBefore", ""), p.getProperty("loadAfter", ""),
          Double.parseDouble(p.getProperty("minutes", "NaN")), batchingSwitch, Instant.parse(p.getProperty("finished")));
    }
  }

  private final List<Measurement> rows;
  private final StringBuilder md = new StringBuilder();

  private LoadReport(List<Measurement> rows) {
    this.rows = rows;
  }

  static Path write(List<Measurement> rows, List<CpuProfile> profiles, Run run, Path docs) throws IOException {
    Path charts = Files.createDirectories(docs.resolve("benchmarks"));
    LoadReport r = new LoadReport(rows);
    ReportProse.header(r.md, run);
    r.targets();
    r.echo();
    r.fanout(run.batchingSwitch());
    r.halfRate();
    ClusterReport.write(r.md, rows);
    r.idle();
    r.generator();
    ReportProse.profiles(r.md, profiles);
    r.charts(charts);
    ReportProse.method(r.md);
    Path out = docs.resolve("benchmarks.md");
    Files.writeString(out, r.md.toString(), StandardCharsets.UTF_8);
    return out;
  }

  /** One measurement as the console shows it while the suite runs. */
  static String oneLine(Measurement m) {
    if (m.scenario().equals("idle")) {
      return String.format(Locale.ROOT, "%-13s %-22s idle x%d: heap %s/conn, RSS %s/conn", m.server(), m.peer(),
          m.conns(), kb(m.heapPerConn()), kb(m.rssPerConn()));
    }
    return String.format(Locale.ROOT, "%-13s %-22s %-11s %5d B x%-4d %,12.0f/s p50 %s p99 %s gen %.2f srv %.2f cores%s",
        m.server(), m.peer(), m.scenario(), m.size(), m.conns(), m.rate(), us(m.p50()), us(m.p99()),
        m.generatorCores(), m.serverCores(), m.errors() > 0 ? " ERRORS " + m.errors() : "");
  }

  // ---- sections -----------------------------------------------------------------------------

  private void targets() {
    md.append("## Where RWT stands\n\n")
        .append("Targets of issues #10 (echo and RPC, heap, fan-out against Socket.IO on WildFly) and #13 (fan-out against the\n")
        .append("raw endpoint: at least as fast on Payara Micro, 0.7x on WildFly, and p99 at most twice raw's at half\n")
        .append("raw's saturation rate), as ratios of figures from the same run. Echo with GCM ran on the same server\n")
        .append("restarted with `rwt.encryption.payloads=always`, alternating with the raw endpoint of that same process,\n")
        .append("which is what it is compared with.\n\n")
        .append("| target | server | measured | target | met |\n|---|---|---:|---:|---|\n");
    for (String server : servers(true)) {
      for (int size : sizes("echo")) {
        target("echo RWT MAC / raw, " + size + " B", server, ratio(server, MAC, "echo", size, -1, RAW), 0.85, true);
      }
      for (int size : sizes("echo")) {
        target("echo by RPC, RWT MAC / raw, " + size + " B", server, ratio(server, MAC_RPC, "echo", size, -1, RAW), 0.85,
            true);
      }
      for (int size : sizes("echo")) {
        target("echo RWT GCM / raw, " + size + " B", server, ratio(server, GCM, "echo", size, -1, gcmBase(server, size)),
            0.75, true);
      }
      boolean wildFly = server.equals("WildFly");
      for (int s : conns("fanout")) {
        target("fan-out deliveries/s RWT MAC / raw, " + s + " subscribers", server,
            ratio(server, MAC, "fanout", -1, s, RAW), wildFly ? 0.7 : 1.0, true);
      }
      for (int s : conns("fanout-half")) {
        Measurement rwt = find(server, MAC, "fanout-half", -1, s);
        Measurement raw = find(server, RAW, "fanout-half", -1, s);
        target("fan-out p99 at half raw's rate, RWT MAC / raw, " + s + " subscribers", server,
            rwt == null || raw == null || raw.p99() <= 0 ? Double.NaN : rwt.p99() / raw.p99(), 2.0, false);
      }
      for (int s : conns("fanout")) {
        Measurement rwt = find(server, MAC, "fanout", -1, s);
        Measurement sio = findPeer("Socket.IO 4", "fanout", s);
        target("fan-out RWT MAC / Socket.IO 4, " + s + " subscribers", server,
            rwt == null || sio == null ? Double.NaN : rwt.rate() / sio.rate(), wildFly ? 2.0 : Double.NaN, true);
      }
      Measurement rawIdle = find(server, RAW, "idle", -1, -1);
      Measurement rwtIdle = find(server, MAC, "idle", -1, -1);
      if (rawIdle != null && rwtIdle != null) {
        double extra = (rwtIdle.heapPerConn() - rawIdle.heapPerConn()) / 1024;
        md.append("| idle connection heap, RWT − raw | ").append(server).append(" | ")
            .append(fixed(extra, 1)).append(" KB | ≤ 8 KB | ").append(extra <= 8 ? "yes" : "**no**").append(" |\n");
      }
    }
    md.append('\n');
  }

  private void target(String what, String server, double measured, double goal, boolean higherIsBetter) {
    if (Double.isNaN(measured)) {
      return;
    }
    String met = Double.isNaN(goal) ? "(no target)" : (higherIsBetter ? measured >= goal : measured <= goal) ? "yes" : "**no**";
    md.append("| ").append(what).append(" | ").append(server).append(" | ").append(fixed(measured, 2)).append("x | ")
        .append(Double.isNaN(goal) ? "—" : (higherIsBetter ? "≥ " : "≤ ") + fixed(goal, 2) + "x").append(" | ")
        .append(met).append(" |\n");
  }

  private void echo() {
    md.append("## Echo\n\n")
        .append("Round trips per second with ").append(conns("echo").stream().findFirst().orElse(0))
        .append(" connections, one payload in flight each (closed loop); latency is the round trip.\n")
        .append("RWT echoes a direct message through an application observer (`message.reply(...)`, JSON-B);\n")
        .append("\"RPC\" calls an `@RwtRpc` method (managed executor); GCM ran on a server restarted with\n")
        .append("`rwt.encryption.payloads=always`, so requests and replies are both encrypted, alternating with the\n")
        .append("raw endpoint of that process (\"raw, beside GCM\"). The ratio is to the raw endpoint of the same server\n")
        .append("process, or for Node peers to WildFly's raw endpoint.\n\n")
        .append("| server | peer | payload | round trips/s | p50 | p99 | p99.9 | ratio | server CPU per trip |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : select("echo")) {
      Measurement base = m.server().startsWith("Node") ? find("WildFly", RAW, "echo", m.size(), -1)
          : m.peer().equals(GCM) || m.peer().equals(RAW_BESIDE_GCM)
              ? find(m.server(), gcmBase(m.server(), m.size()), "echo", m.size(), -1)
              : find(m.server(), RAW, "echo", m.size(), -1);
      md.append("| ").append(m.server()).append(" | ").append(m.peer()).append(" | ").append(m.size())
          .append(" B | ").append(rate(m.rate())).append(" | ").append(us(m.p50())).append(" | ").append(us(m.p99()))
          .append(" | ").append(us(m.p999())).append(" | ").append(ratioText(m, base)).append(" | ")
          .append(us(m.serverMicrosPerOp())).append(errors(m)).append(" |\n");
    }
    md.append('\n');
  }

  private void fanout(Boolean batchingSwitch) {
    md.append("## Fan-out\n\n")
        .append("One publisher, N subscribers, ").append(sizes("fanout").stream().findFirst().orElse(0))
        .append(" B payloads, saturated: the publisher keeps a window of publishes in flight and sends the next\n")
        .append("when one has reached every subscriber. Latency is publish to delivery. RWT relays a client's message\n")
        .append("on a channel to its other subscribers (MAC; \"GCM\": the publisher encrypts, and the relay keeps it\n")
        .append("encrypted); \"no batching\" ran on a server restarted with `rwt.batching.enabled=false`.\n\n")
        .append("| server | peer | subscribers | deliveries/s | p50 | p99 | ratio to raw | server CPU per delivery |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : select("fanout")) {
      Measurement base = m.server().startsWith("Node") ? find("WildFly", RAW, "fanout", -1, m.conns())
          : find(m.server(), RAW, "fanout", -1, m.conns());
      md.append("| ").append(m.server()).append(" | ").append(m.peer()).append(" | ").append(m.conns()).append(" | ")
          .append(rate(m.rate())).append(" | ").append(us(m.p50())).append(" | ").append(us(m.p99())).append(" | ")
          .append(ratioText(m, base)).append(" | ").append(us(m.serverMicrosPerOp())).append(errors(m)).append(" |\n");
    }
    md.append("\nFor Node peers the ratio is to WildFly's raw endpoint.");
    if (Boolean.FALSE.equals(batchingSwitch) && rows.stream().anyMatch(m -> m.peer().equals(NO_BATCHING))) {
      md.append(" **The rwt-impl of this run does not read `rwt.batching.enabled` yet**, so the \"no batching\" rows\n")
          .append("ran with batching as well: they show the spread between two runs of the same thing, nothing more.");
    }
    md.append("\n\n");
  }

  private void halfRate() {
    List<Measurement> half = select("fanout-half");
    if (half.isEmpty()) {
      return;
    }
    md.append("## Fan-out latency at half the raw endpoint's saturation rate\n\n")
        .append("The publisher sends on a fixed schedule at half the publishes/s the raw endpoint of the same server\n")
        .append("saturated at; latency counts from each publish's scheduled time, so a stalled sender cannot hide it.\n")
        .append("Raw and RWT MAC ran alternating, each figure the run with the median p99; these runs measure\n")
        .append("two thirds as long as the others, after a one-second warm-up (the group has just run saturated).\n\n")
        .append("| server | peer | subscribers | deliveries/s | p50 | p99 | p99.9 | max |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : half) {
      md.append("| ").append(m.server()).append(" | ").append(m.peer()).append(" | ").append(m.conns()).append(" | ")
          .append(rate(m.rate())).append(" | ").append(us(m.p50())).append(" | ").append(us(m.p99())).append(" | ")
          .append(us(m.p999())).append(" | ").append(us(m.max())).append(errors(m)).append(" |\n");
    }
    md.append('\n');
  }

  private void idle() {
    List<Measurement> idle = select("idle");
    if (idle.isEmpty()) {
      return;
    }
    md.append("## Idle connections\n\n")
        .append("N connections opened and left idle (RWT: authenticated, keys agreed, nothing subscribed). Heap is the\n")
        .append("server's live heap after full GCs (its `/bench/heap` probe; for Node `heapUsed` after `gc()`) with\n")
        .append("the N open, less the lower of the heap before opening and after closing them, over N (the median\n")
        .append("of the runs, raw and RWT alternating). Resident\n")
        .append("memory is not reported: the servers' heaps are sized up front and pages touched by earlier\n")
        .append("scenarios stay resident, so it says little per connection (`results.tsv` keeps it).\n\n")
        .append("| server | peer | connections | heap per connection |\n")
        .append("|---|---|---:|---:|\n");
    for (Measurement m : idle) {
      md.append("| ").append(m.server()).append(" | ").append(m.peer()).append(" | ").append(m.conns()).append(" | ")
          .append(kb(m.heapPerConn())).append(" |\n");
    }
    md.append('\n');
  }

  private void generator() {
    Measurement top = null;
    for (Measurement m : rows) {
      if (m.scenario().equals("fanout") && !Double.isNaN(m.generatorCores()) && (top == null || m.rate() > top.rate())) {
        top = m;
      }
    }
    if (top == null) {
      return;
    }
    double perCore = top.rate() / top.generatorCores();
    md.append("## The load generator's ceiling\n\n")
        .append("The generator shares the 2 cores with the servers. Its cost per delivery comes from its own CPU time in\n")
        .append("the run with the most deliveries/s (").append(top.server())
        .append(", ").append(top.peer()).append(", ")
        .append(top.conns()).append(" subscribers): ").append(rate(top.rate())).append(" deliveries/s took ")
        .append(fixed(top.generatorCores(), 2)).append(" cores of generator (and ").append(fixed(top.serverCores(), 2))
        .append(" of server).\nOne core of generator therefore receives, parses and times about ").append(rate(perCore))
        .append(" deliveries/s, ").append(fixed(perCore / top.rate(), 1))
        .append("x the fastest rate measured: the generator is not what caps the figures; the shared CPU is. Every\n")
        .append("peer pays the same generator cost per delivery, so the ratios stand.\n\n");
  }

  private void charts(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    if (Charts.bars(dir.resolve("echo.png"), "Echo round trips per second (higher is better)", "round trips/s", rows,
        m -> m.scenario().equals("echo"), m -> m.server() + " " + m.size() + " B", Measurement::peer,
        Measurement::rate)) {
      lines.add("![Echo round trips per second](benchmarks/echo.png)");
    }
    if (Charts.bars(dir.resolve("fanout.png"), "Fan-out deliveries per second (higher is better)", "deliveries/s", rows,
        m -> m.scenario().equals("fanout"), m -> m.server() + ", " + m.conns() + " subs", Measurement::peer,
        Measurement::rate)) {
      lines.add("![Fan-out deliveries per second](benchmarks/fanout.png)");
    }
    if (Charts.bars(dir.resolve("latency.png"), "Fan-out p99 publish-to-delivery at half the raw saturation rate, ms"
        + " (lower is better)", "p99 ms", rows, m -> m.scenario().equals("fanout-half"),
        m -> m.server() + ", " + m.conns() + " subs", Measurement::peer, m -> m.p99() / 1000)) {
      lines.add("![Fan-out p99 latency at half the raw rate](benchmarks/latency.png)");
    }
    if (Charts.bars(dir.resolve("echo-latency.png"), "Echo p99 round trip, ms (lower is better)", "p99 ms", rows,
        m -> m.scenario().equals("echo"), m -> m.server() + " " + m.size() + " B", Measurement::peer,
        m -> m.p99() / 1000)) {
      lines.add("![Echo p99 latency](benchmarks/echo-latency.png)");
    }
    if (!lines.isEmpty()) {
      md.append("## Charts\n\n").append(String.join("\n\n", lines)).append("\n\n");
    }
  }

  // ---- lookups and formatting ------------------------------------------------------------------

  private List<Measurement> select(String scenario) {
    return rows.stream().filter(m -> m.scenario().equals(scenario)).toList();
  }

  private Set<String> servers(boolean javaOnly) {
    Set<String> s = new LinkedHashSet<>();
    rows.stream().map(Measurement::server).filter(n -> !javaOnly || !n.startsWith("Node")).forEach(s::add);
    return s;
  }

  private Set<Integer> sizes(String scenario) {
    Set<Integer> s = new LinkedHashSet<>();
    select(scenario).forEach(m -> s.add(m.size()));
    return s;
  }

  private Set<Integer> conns(String scenario) {
    Set<Integer> s = new LinkedHashSet<>();
    select(scenario).forEach(m -> s.add(m.conns()));
    return s;
  }

  private Measurement find(String server, String peer, String scenario, int size, int conns) {
    for (Measurement m : rows) {
      if (m.server().equals(server) && m.peer().equals(peer) && m.scenario().equals(scenario)
          && (size < 0 || m.size() == size) && (conns < 0 || m.conns() == conns)) {
        return m;
      }
    }
    return null;
  }

  private Measurement findPeer(String peer, String scenario, int conns) {
    for (Measurement m : rows) {
      if (m.peer().equals(peer) && m.scenario().equals(scenario) && m.conns() == conns) {
        return m;
      }
    }
    return null;
  }

  private double ratio(String server, String peer, String scenario, int size, int conns, String basePeer) {
    Measurement m = find(server, peer, scenario, size, conns);
    Measurement b = find(server, basePeer, scenario, size, conns);
    return m == null || b == null || b.rate() <= 0 ? Double.NaN : m.rate() / b.rate();
  }

  /** What GCM echo is compared with: the raw endpoint of its own server process, when the run measured it. */
  private String gcmBase(String server, int size) {
    return find(server, RAW_BESIDE_GCM, "echo", size, -1) != null ? RAW_BESIDE_GCM : RAW;
  }

  private static String ratioText(Measurement m, Measurement base) {
    return base == null || base.rate() <= 0 ? "—" : fixed(m.rate() / base.rate(), 2) + "x";
  }

  private static String errors(Measurement m) {
    return m.errors() > 0 ? " (" + m.errors() + " errors)" : "";
  }
}
