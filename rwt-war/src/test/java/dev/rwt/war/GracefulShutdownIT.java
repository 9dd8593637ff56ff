package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.testing.Tokens;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server that shuts down tells every client 1001 GOING_AWAY, so that clients resume
 * elsewhere. The test stops the container the way an operator would: SIGTERM to its process.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GracefulShutdownIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.testWar();
  }

  @ArquillianResource URL base;

  @Test
  void serverShutdownClosesEveryClientWith1001() throws Exception {
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
        RwtPeer bob = RwtPeer.connect(base, Tokens.all("bob"))) {
      ProcessHandle server = serverProcess().orElseThrow(() -> new AssertionError("no server process for " + base));
      assertTrue(server.destroy(), "SIGTERM sent");
      for (RwtPeer peer : List.of(alice, bob)) {
        TestSocket.Closed closed = peer.awaitClose();
        assertEquals(1001, closed.code());
        // WildFly's Undertow closes every WebSocket itself (1001, no reason) as the web
        // application stops, before CDI destroys Connections; Payara lets Connections do it
        if (System.getProperty("jboss.home") == null) {
          assertEquals("GOING_AWAY", closed.reason());
        }
      }
      // gone before the adapter stops the container, which then has nothing left to stop
      server.onExit().get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * The server process the container adapter started for this test: the Payara Micro serving
   * this test's port, or the WildFly JVM run from the {@code jboss.home} the wildfly profile
   * unpacked (that profile runs this test alone, on a WildFly of its own).
   */
  private Optional<ProcessHandle> serverProcess() {
    String port = Integer.toString(base.getPort());
    String jbossHome = System.getProperty("jboss.home");
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(List::of).map(a -> jbossHome == null
            ? isPayaraOnPort(a, port) : isWildFlyFrom(a, jbossHome)).orElse(false))
        .findFirst();
  }

  private static boolean isPayaraOnPort(List<String> args, String port) {
    boolean micro = args.stream().anyMatch(a -> a.contains("payara-micro"));
    int i = args.indexOf("--port");
    return micro && i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(port);
  }

  private static boolean isWildFlyFrom(List<String> args, String jbossHome) {
    java.nio.file.Path home = java.nio.file.Path.of(jbossHome).toAbsolutePath().normalize();
    return args.contains("org.jboss.as.standalone") && args.stream()
        .filter(a -> a.startsWith("-Djboss.home.dir="))
        .anyMatch(a -> java.nio.file.Path.of(a.substring("-Djboss.home.dir=".length())).toAbsolutePath().normalize().equals(home));
  }
}
