package dev.rwt.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server the suite starts on 127.0.0.1 and stops again: Payara Micro or WildFly with the bench
 * WAR (context {@code /rwt-bench}), or a Node peer. Output goes to a log file in the work folder.
 * {@link #pid()} is the process that does the work (WildFly's JVM, not its start script), so
 * its CPU and memory can be read.
 */
final class ServerProcess implements AutoCloseable {
  static final String CONTEXT = "rwt-bench/";
  private static final String HEAP = "-Xms1g";
  private static final String MAX_HEAP = "-Xmx1g";
  private static final long READY_TIMEOUT_MS = 240_000;

  final String name;
  final URI base;
  private final Process process;
  private final Path log;

  private final Thread stopOnExit;

  private ServerProcess(String name, URI base, Process process, Path log) {
    this.name = name;
    this.base = base;
    this.process = process;
    this.log = log;
    // a suite stopped by Ctrl-C or SIGTERM takes its servers with it
    this.stopOnExit = new Thread(this::stop, "stop " + name);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  static ServerProcess payara(Path jar, Path war, Path work, int port, Map<String, String> props) throws IOException {
    return payara("Payara Micro", jar, war, work, port, props, List.of("--nocluster"));
  }

  /**
   * A Payara Micro node of a data grid over TCP/IP on 127.0.0.1: its grid member listens on
   * {@code gridPort}, and {@code members} lists every node's ({@code 127.0.0.1:5951,127.0.0.1:5952}).
   * Started as docs/cluster.md says, without Hazelcast's own shutdown hook.
   */
  static ServerProcess payaraNode(String name, Path jar, Path war, Path work, int port, int gridPort, String members,
      String clusterName, Map<String, String> props) throws IOException {
    Map<String, String> all = new TreeMap<>(props);
    all.put("hazelcast.shutdownhook.enabled", "false");
    return payara(name, jar, war, work, port, all, List.of("--startport", Integer.toString(gridPort),
        "--clustermode", "tcpip:" + members, "--interfaces", "127.0.0.1", "--clustername", clusterName,
        "--nohostaware"));
  }

  private static ServerProcess payara(String name, Path jar, Path war, Path work, int port, Map<String, String> props,
      List<String> clustering) throws IOException {
    Path dir = fresh(work.resolve("payara-" + port));
    Path deployed = dir.resolve("rwt-bench.war");
    Files.copy(war, deployed);
    List<String> cmd = new ArrayList<>(List.of(java(), HEAP, MAX_HEAP, "-Djava.io.tmpdir=" + dir));
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-jar", jar.toString()));
    cmd.addAll(clustering);
    cmd.addAll(List.of("--disablephonehome", "--port", Integer.toString(port), "--deploy", deployed.toString()));
    return start(name, URI.create("http://127.0.0.1:" + port + "/" + CONTEXT), cmd, Map.of(), dir);
  }

  /**
   * WildFly from its unpacked distribution, with a fresh copy of {@code standalone/} as the
   * server's base folder and every port set explicitly: HTTP on {@code port}, the others right
   * above it (HTTPS +1, management +2 and +3, AJP +4, transactions +5 and +6).
   */
  static ServerProcess wildfly(Path home, Path war, Path work, int port, Map<String, String> props)
      throws IOException {
    Path dir = fresh(work.resolve("wildfly-" + port));
    copyTree(home.resolve("standalone"), dir);
    Path xml = dir.resolve("configuration/standalone.xml");
    Files.writeString(xml, Files.readString(xml).replace("port=\"4712\"", "port=\"" + (port + 5) + "\"")
        .replace("port=\"4713\"", "port=\"" + (port + 6) + "\""));
    Files.copy(war, dir.resolve("deployments/rwt-bench.war"), StandardCopyOption.REPLACE_EXISTING);
    List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
        "-Djboss.server.base.dir=" + dir, "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
        "-Djboss.http.port=" + port, "-Djboss.https.port=" + (port + 1),
        "-Djboss.management.http.port=" + (port + 2), "-Djboss.management.https.port=" + (port + 3),
        "-Djboss.ajp.port=" + (port + 4), "-Djava.io.tmpdir=" + dir.resolve("tmp")));
    props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    Map<String, String> env = Map.of("JBOSS_JAVA_SIZING", HEAP + " " + MAX_HEAP, "LAUNCH_JBOSS_IN_BACKGROUND", "1");
    return start("WildFly", URI.create("http://127.0.0.1:" + port + "/" + CONTEXT), cmd, env, dir);
  }

  /** A Node peer: {@code node server.js KIND PORT} in the peers folder (npm ci done). */
  static ServerProcess node(Path peers, String kind, Path work, int port) throws IOException {
    Path dir = fresh(work.resolve("node-" + kind + "-" + port));
    List<String> cmd = List.of("node", "--expose-gc", peers.resolve("server.js").toString(), kind,
        Integer.toString(port));
    return start("Node " + kind, URI.create("http://127.0.0.1:" + port + "/"), cmd, Map.of(), dir);
  }

  private static ServerProcess start(String name, URI base, List<String> cmd, Map<String, String> env, Path dir)
      throws IOException {
    Path log = dir.resolve("server.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new ServerProcess(name, base, pb.start(), log);
  }

  /** Polls the heap probe until the server answers; fails with the log's tail if it never does. */
  void awaitReady(Clients clients) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      if (clients.get(base.resolve("bench/heap")) != null) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not ready after " + READY_TIMEOUT_MS + " ms:\n" + tail());
  }

  /** The JVM (or node) doing the work: the started process, or its java descendant for WildFly. */
  long pid() {
    return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .map(ProcessHandle::pid).findFirst().orElse(process.pid());
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops the server (SIGTERM to it and its descendants; SIGKILL after 30 s). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already exiting: the hook runs stop()
    }
    stop();
  }

  private void stop() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        p.destroyForcibly();
      }
    }
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(dir);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
