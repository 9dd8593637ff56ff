package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Optional;
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
      ProcessHandle server = serverProcess().orElseThrow(() -> new AssertionError("no Payara Micro on " + base));
      assertTrue(server.destroy(), "SIGTERM sent");
      for (RwtPeer peer : List.of(alice, bob)) {
        TestSocket.Closed closed = peer.awaitClose();
        assertEquals(1001, closed.code());
        assertEquals("GOING_AWAY", closed.reason());
      }
    }
  }

  /** The Payara Micro process serving this test's port (the container adapter started it). */
  private Optional<ProcessHandle> serverProcess() {
    String port = Integer.toString(base.getPort());
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> isPayaraOnPort(List.of(a), port)).orElse(false))
        .findFirst();
  }

  private static boolean isPayaraOnPort(List<String> args, String port) {
    boolean micro = args.stream().anyMatch(a -> a.contains("payara-micro"));
    int i = args.indexOf("--port");
    return micro && i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(port);
  }
}
