package dev.rwt.bench.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The load suite: starts each server on 127.0.0.1, runs the scenarios against it with the load
 * generator in this JVM, stops it, and writes docs/benchmarks.md with charts.
 *
 * <pre>
 * java -cp ... dev.rwt.bench.load.LoadSuite --size=full|smoke --targets=payara,wildfly,ws,socketio,cluster
 *     --war=rwt-bench.war --payara=payara-micro.jar --wildfly=WILDFLY_HOME --peers=rwt-bench/peers
 *     --hazelcast-adapter=rwt-backplane-hazelcast.jar --work=DIR --docs=DIR [--ports=fixed|random] [--report-only]
 * </pre>
 *
 * Each Java server runs once as deployed (raw and RWT side by side) and, at full size, twice
 * more: with {@code rwt.encryption.payloads=always} (RWT's echo encrypted both ways) and with
 * {@code rwt.batching.enabled=false} (fan-out without batching). The {@code cluster} target runs
 * two Payara Micro nodes on one data grid with the Hazelcast backplane ({@link ClusterScenarios}).
 * Fixed ports are in 18000-18999, and 5951-5952 for the data grid.
 */
public final class LoadSuite {
  static final String RESULTS = "results.tsv";
  static final String BATCHING_KEY = "rwt.batching.enabled";

  private final Map<String, String> args;
  private final Plan plan;
  private final Path work;
  private final List<Measurement> results = new ArrayList<>();
  private final List<CpuProfile> profiles = new ArrayList<>();
  /** Raw endpoint's saturated deliveries/s per server and group size, for the half-rate runs. */
  private final Map<String, Double> rawSaturation = new HashMap<>();

  private LoadSuite(Map<String, String> args) {
    this.args = args;
    this.plan = Plan.named(args.getOrDefault("size", "full"));
    this.work = Path.of(args.getOrDefault("work", "rwt-bench/target/bench")).toAbsolutePath();
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("options are --name=value: " + a);
      }
      int eq = a.indexOf('=');
      args.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
    }
    System.out.println("wrote " + run(args).report());
  }

  /** What a run produced: its measurements and the report written from them. */
  record Outcome(List<Measurement> results, Path report) {}

  /** Runs the suite with the options of {@link #main} (without the leading dashes). */
  static Outcome run(Map<String, String> args) throws Exception {
    LoadSuite suite = new LoadSuite(args);
    Path report = suite.runAll();
    return new Outcome(List.copyOf(suite.results), report);
  }

  /** Runs every target (or reads the last results with --report-only) and writes the report. */
  Path runAll() throws Exception {
    Files.createDirectories(work);
    Path tsv = work.resolve(RESULTS);
    String loadBefore = dev.rwt.bench.Machine.loadAverage();
    long started = System.nanoTime();
    if (args.containsKey("report-only")) {
      results.addAll(Measurement.parseAll(Files.readAllLines(tsv)));
      rereadProfiles();
    } else {
      for (String t : args.getOrDefault("targets", "payara,wildfly,ws,socketio,cluster").split(",")) {
        long t0 = System.nanoTime();
        runTarget(t.trim());
        save(tsv);
        System.out.printf("== %s done in %.1f s%n", t.trim(), (System.nanoTime() - t0) / 1e9);
      }
    }
    Path docs = Path.of(args.getOrDefault("docs", "docs"));
    Boolean batchingSwitch = args.containsKey("war")
        ? WarInspector.implKnows(Path.of(args.get("war")), BATCHING_KEY) : null;
    LoadReport.Run run;
    if (args.containsKey("report-only")) {
      run = LoadReport.Run.load(work, batchingSwitch);
    } else {
      run = new LoadReport.Run(args.getOrDefault("size", "full"), plan, loadBefore,
          dev.rwt.bench.Machine.loadAverage(), (System.nanoTime() - started) / 60e9, batchingSwitch, Instant.now());
      run.save(work);
    }
    return LoadReport.write(results, profiles, run, docs);
  }

  private void save(Path tsv) throws IOException {
    List<String> lines = new ArrayList<>(List.of(Measurement.HEADER));
    results.forEach(m -> lines.add(m.toLine()));
    Files.write(tsv, lines, StandardCharsets.UTF_8);
  }

  private void runTarget(String name) throws Exception {
    System.out.println("== " + name);
    switch (name) {
      case "payara" -> javaServer("payara", 18080);
      case "wildfly" -> javaServer("wildfly", 18280);
      case "ws" -> nodeServer("ws", 18480);
      case "socketio" -> nodeServer("socketio", 18580);
      case "cluster" -> cluster(18600, 5951);
      default -> throw new IllegalArgumentException("no target '" + name + "': payara, wildfly, ws, socketio, cluster");
    }
  }

  private int port(int fixed) throws IOException {
    if (!"random".equals(args.get("ports"))) {
      return fixed;
    }
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private ServerProcess startJava(String kind, int port, Map<String, String> props) throws IOException {
    Path war = Path.of(args.get("war")).toAbsolutePath();
    return kind.equals("payara")
        ? ServerProcess.payara(Path.of(args.get("payara")).toAbsolutePath(), war, work, port, props)
        : ServerProcess.wildfly(Path.of(args.get("wildfly")).toAbsolutePath(), war, work, port, props);
  }

  private void javaServer(String kind, int fixedPort) throws Exception {
    try (Clients clients = new Clients(2)) {
      try (ServerProcess server = startJava(kind, port(fixedPort), Map.of())) {
        Target t = ready(server, clients);
        JavaScenarios s = new JavaScenarios(t, results::add, rawSaturation);
        s.warmUp(false);
        s.echo(profiler(), profileFile(kind, "echo"), profiles);
        s.fanout(profiler(), profileFile(kind, "fanout"), profiles);
        s.idle();
      }
      if (!plan.variants()) {
        return;
      }
      try (ServerProcess server = startJava(kind, port(fixedPort), Map.of("rwt.encryption.payloads", "always"))) {
        JavaScenarios s = new JavaScenarios(ready(server, clients), results::add, rawSaturation);
        s.warmUp(true);
        s.echoEncrypted();
      }
      try (ServerProcess server = startJava(kind, port(fixedPort), Map.of(BATCHING_KEY, "false"))) {
        JavaScenarios s = new JavaScenarios(ready(server, clients), results::add, rawSaturation);
        s.warmUp(false);
        s.fanoutWithoutBatching();
      }
    }
  }

  /**
   * Two Payara Micro nodes (HTTP on {@code fixedPort} and the next, data grid members on
   * {@code fixedGridPort} and the next), the bench WAR with the Hazelcast adapter on both.
   */
  private void cluster(int fixedPort, int fixedGridPort) throws Exception {
    String adapter = args.get("hazelcast-adapter");
    if (adapter == null) {
      throw new IllegalArgumentException("the cluster target needs --hazelcast-adapter=rwt-backplane-hazelcast.jar");
    }
    Path war = ClusterWar.build(Path.of(args.get("war")), Path.of(adapter), work.resolve("cluster/rwt-bench.war"));
    Path payara = Path.of(args.get("payara")).toAbsolutePath();
    int gridA = port(fixedGridPort);
    int gridB = port(fixedGridPort + 1);
    String members = "127.0.0.1:" + gridA + ",127.0.0.1:" + gridB;
    String grid = "rwt-bench-" + UUID.randomUUID();
    Map<String, String> props = Map.of("rwt.backplane", "hazelcast");
    try (Clients clients = new Clients(2);
        ServerProcess a = ServerProcess.payaraNode("Payara Micro node A", payara, war, work, port(fixedPort), gridA,
            members, grid, props);
        ServerProcess b = ServerProcess.payaraNode("Payara Micro node B", payara, war, work, port(fixedPort + 1), gridB,
            members, grid, props)) {
      ready(a, clients);
      ready(b, clients);
      Target t = new Target(ClusterScenarios.SERVER, a.base, a.pid(), clients, plan, b.pid());
      ClusterScenarios c = new ClusterScenarios(t, b.base, results::add);
      long t0 = System.nanoTime();
      c.awaitCrossing(180_000);
      System.out.printf("messages cross from node A to node B after %.1f s more%n", (System.nanoTime() - t0) / 1e9);
      c.run();
    }
  }

  /** The profiles a previous run left in the work folder, read again for --report-only. */
  private void rereadProfiles() throws IOException {
    int largest = plan.subscribers().get(plan.subscribers().size() - 1);
    int smallest = plan.echoSizes().get(0);
    for (String[] kind : new String[][] {{"payara", "Payara Micro"}, {"wildfly", "WildFly"}}) {
      Path echo = profileFile(kind[0], "echo");
      if (Files.exists(echo)) {
        profiles.add(CpuProfile.read(kind[1] + ", RWT MAC echo, " + smallest + " B", echo, 12));
      }
      Path fanout = profileFile(kind[0], "fanout");
      if (Files.exists(fanout)) {
        profiles.add(CpuProfile.read(kind[1] + ", RWT MAC fan-out to " + largest + " subscribers", fanout, 12));
      }
    }
  }

  private Path profileFile(String kind, String scenario) {
    return work.resolve(kind + "-rwt-" + scenario + ".collapsed");
  }

  /** async-profiler's agent when the plan profiles and this machine has one, else null. */
  private Path profiler() throws IOException {
    if (!plan.profile()) {
      return null;
    }
    Path agent = CpuProfile.agent(work).orElse(null);
    if (agent == null) {
      System.out.println("no async-profiler agent for " + System.getProperty("os.name") + "/"
          + System.getProperty("os.arch") + ": the fan-out is not profiled");
    }
    return agent;
  }

  private void nodeServer(String kind, int fixedPort) throws Exception {
    try (Clients clients = new Clients(2);
        ServerProcess server = ServerProcess.node(Path.of(args.get("peers")).toAbsolutePath(), kind, work, port(fixedPort))) {
      Target t = ready(server, clients);
      Dialect d = kind.equals("ws") ? new RawDialect(clients, t.base(), "ws") : new SocketIoDialect(clients, t.base());
      PeerScenarios.run(t, d, results::add);
    }
  }

  private Target ready(ServerProcess server, Clients clients) throws Exception {
    long t0 = System.nanoTime();
    server.awaitReady(clients);
    System.out.printf("%s ready in %.1f s (pid %d)%n", server.name, (System.nanoTime() - t0) / 1e9, server.pid());
    String label = server.name.startsWith("Node") ? "Node " + nodeVersion() : server.name;
    return new Target(label, server.base, server.pid(), clients, plan);
  }

  private static String nodeVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return v.startsWith("v") ? v.substring(1) : v;
  }

  static List<String> split(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
