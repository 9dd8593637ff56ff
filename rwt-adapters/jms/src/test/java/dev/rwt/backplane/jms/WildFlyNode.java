package dev.rwt.backplane.jms;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * One WildFly process in {@code standalone-full.xml} from the unpacked distribution
 * ({@code jboss.home}), with a server directory of its own under {@code target/} (configuration
 * copied, then edited), every port moved by its offset, on 127.0.0.1 only, and a WAR deployed
 * at {@code /rwt} by the deployment scanner. Its output goes to a log file beside that directory.
 */
final class WildFlyNode implements AutoCloseable {

  static final String CONFIG = "standalone-full.xml";

  private final String name;
  private final int offset;
  private final Path base;
  private final Path log;
  private Process process;

  WildFlyNode(String name, int offset, Path dir) {
    this.name = name;
    this.offset = offset;
    this.base = dir.resolve(name);
    this.log = dir.resolve(name + ".log");
  }

  int httpPort() {
    return 8080 + offset;
  }

  /** MicroProfile Health's readiness answer, as JSON. */
  String readiness() throws IOException {
    URI uri = URI.create("http://127.0.0.1:" + (9990 + offset) + "/health/ready");
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(10_000);
    try (var in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A fresh server directory: the distribution's configuration, edited by {@code edit}. */
  void prepare(UnaryOperator<String> edit) throws IOException {
    deleteTree(base);
    Path from = home().resolve("standalone").resolve("configuration");
    Path config = Files.createDirectories(base.resolve("configuration"));
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Files.copy(f, config.resolve(f.getFileName()));
      }
    }
    Path xml = config.resolve(CONFIG);
    Files.writeString(xml, edit.apply(Files.readString(xml)));
    Files.createDirectories(base.resolve("deployments"));
  }

  /** Adds an application user with {@code role}, as WildFly's add-user would. */
  void addUser(String user, String password, String role) throws IOException {
    Path config = base.resolve("configuration");
    Files.writeString(config.resolve("application-users.properties"),
        "\n" + user + "=" + Digests.md5Hex(user + ":ApplicationRealm:" + password) + "\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(config.resolve("application-roles.properties"), "\n" + user + "=" + role + "\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }

  void start(File war) throws IOException {
    Files.copy(war.toPath(), base.resolve("deployments").resolve("rwt.war"), StandardCopyOption.REPLACE_EXISTING);
    Path tmp = Files.createDirectories(base.resolve("tmp-java"));
    StandaloneCommandBuilder cmd = StandaloneCommandBuilder.of(home())
        .setJavaHome(System.getProperty("java.home"))
        .setBaseDirectory(base)
        .setServerConfiguration(CONFIG)
        .addJavaOptions("-Xmx512m", "-Djava.io.tmpdir=" + tmp,
            "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
            "-Djboss.socket.binding.port-offset=" + offset);
    Launcher launcher = Launcher.of(cmd).setRedirectErrorStream(true);
    if (Boolean.getBoolean("rwt.test.serverlog")) {
      launcher.inherit();
    } else {
      launcher.redirectOutput(log);
    }
    process = launcher.launch();
  }

  /** Waits until the WAR is deployed and answers HTTP. */
  void awaitReady(long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    Path failed = base.resolve("deployments").resolve("rwt.war.failed");
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      if (Files.exists(failed)) {
        throw new IllegalStateException(name + ": the deployment failed: " + Files.readString(failed));
      }
      if (Files.exists(base.resolve("deployments").resolve("rwt.war.deployed")) && answers()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " not ready after " + timeoutMs + " ms; see " + log);
  }

  private boolean answers() {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(base() + "/").toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(5000);
      return c.getResponseCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  String base() {
    return "http://127.0.0.1:" + httpPort() + "/rwt";
  }

  URI endpoint() {
    return URI.create("ws://127.0.0.1:" + httpPort() + "/rwt/rwt");
  }

  /** The server's log so far, for assertions on what it reported. */
  String serverLog() throws IOException {
    Path server = base.resolve("log").resolve("server.log");
    return Files.exists(server) ? Files.readString(server) : "";
  }

  /** Stops the server as a signal would, and kills it if it has not stopped in 30 s. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Path home() {
    return Path.of(System.getProperty("jboss.home"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  @Override
  public String toString() {
    return name + "(" + httpPort() + ")";
  }
}
