package dev.rwt.backplane.hazelcast;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro process with a WAR deployed at {@code /rwt}, clustered over TCP/IP on
 * 127.0.0.1 with the members it is given. Its output goes to a log file under {@code target/}.
 */
final class PayaraNode implements AutoCloseable {

  private final String name;
  private final int httpPort;
  private final Path log;
  private Process process;

  PayaraNode(String name, int httpPort, Path dir) {
    this.name = name;
    this.httpPort = httpPort;
    this.log = dir.resolve(name + ".log");
  }

  /** A port nothing listens on now (free a moment later too, on a loopback nobody else uses). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  void start(File war, int clusterPort, String clusterName, String members) throws IOException {
    Path root = log.getParent().resolve(name);
    Files.createDirectories(root.resolve("tmp"));
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m",
        // Payara stops the data grid itself after the applications: parking needs it until then
        "-Dhazelcast.shutdownhook.enabled=false",
        "-Djava.io.tmpdir=" + root.resolve("tmp"),
        "-jar", System.getProperty("payara.microJar"),
        "--deploy", war.getAbsolutePath(),
        "--contextroot", "rwt",
        "--port", Integer.toString(httpPort),
        "--startport", Integer.toString(clusterPort),
        "--clustermode", "tcpip:" + members,
        "--interfaces", "127.0.0.1",
        "--clustername", clusterName,
        "--nohostaware",
        "--disablephonehome"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (Boolean.getBoolean("rwt.test.serverlog")) {
      pb.inheritIO();
    } else {
      pb.redirectOutput(log.toFile());
    }
    process = pb.start();
  }

  /** Waits until the WAR answers HTTP. */
  void awaitReady(long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(base() + "/").toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still booting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not ready after " + timeoutMs + " ms; see " + log);
  }

  int httpPort() {
    return httpPort;
  }

  String base() {
    return "http://127.0.0.1:" + httpPort + "/rwt";
  }

  URI endpoint() {
    return URI.create("ws://127.0.0.1:" + httpPort + "/rwt/rwt");
  }

  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name + "(" + httpPort + ")";
  }
}
