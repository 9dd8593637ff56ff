package dev.rwt.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.client.ConnectionState;
import dev.rwt.client.ReceivedMessage;
import dev.rwt.client.ReconnectionPolicy;
import dev.rwt.client.RwtClient;
import dev.rwt.client.RwtEvents;
import dev.rwt.testing.Eventually;
import dev.rwt.testing.Tokens;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server is stopped and started again under a connected client. The Payara Micro managed
 * adapter runs one Micro process per deployment, so undeploy stops the server and deploy starts
 * a new one, on a new random port; a loopback proxy with a fixed port stands for the server's
 * address. The steps run in order because the new port is known only to the next method.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {
  private static final String NAME = "restartable";

  private static TcpProxy proxy;
  private static RwtClient client;
  private static final List<Object> events = new CopyOnWriteArrayList<>();

  @Deployment(name = NAME, managed = false, testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource Deployer deployer;

  @Test
  @Order(1)
  void startTheServer() {
    deployer.deploy(NAME);
  }

  @Test
  @Order(2)
  void connectThenStopAndStartTheServer(@ArquillianResource @OperateOnDeployment(NAME) URL base) throws Exception {
    proxy = new TcpProxy(base.getPort());
    client = RwtClient.builder(URI.create("ws://127.0.0.1:" + proxy.port() + base.getPath() + "rwt"))
        .authToken(Tokens.all("alice")).channels("orders")
        .reconnection(ReconnectionPolicy.defaults().baseDelay(Duration.ofMillis(200)).maxDelay(Duration.ofSeconds(1))
            .maxAttempts(200))
        .build();
    client.on(RwtEvents.DISCONNECT, events::add);
    client.on(RwtEvents.RECONNECT, events::add);
    client.on(RwtEvents.CONTINUITY_LOST, events::add);
    client.connect().get(20, TimeUnit.SECONDS);
    assertEquals("alice", client.call("whoami", null).get(20, TimeUnit.SECONDS));
    deployer.undeploy(NAME);
    Eventually.await(() -> client.getStatus().state() == ConnectionState.RECONNECTING, () -> "reconnecting");
    deployer.deploy(NAME);
  }

  @Test
  @Order(3)
  void theClientIsBackOnTheNewServer(@ArquillianResource @OperateOnDeployment(NAME) URL base) throws Exception {
    try {
      proxy.target(base.getPort());
      Eventually.await(() -> client.getStatus().state() == ConnectionState.OPEN, () -> "reconnected " + events);
      // events reach listeners on the callback thread, possibly after the state already reads OPEN
      Eventually.await(
          () -> events.stream().anyMatch(e -> e instanceof RwtEvents.ReconnectInfo r && r.success() && !r.resumed()),
          () -> "a reconnect with a fresh session: " + events);
      Eventually.await(() -> events.stream().anyMatch(e -> e instanceof RwtEvents.ContinuityLost),
          () -> "continuity-lost: " + events);
      assertTrue(client.getStatus().continuityLost());
      Eventually.await(() -> client.isSubscribed("orders"), () -> "orders subscribed again");
      CompletableFuture<ReceivedMessage> ack = client.waitForMessage(null, "orders", Duration.ofSeconds(20));
      client.send("orders", java.util.Map.of("id", "o-1", "qty", 2));
      assertEquals("accepted x2", ((java.util.Map<?, ?>) ack.get(20, TimeUnit.SECONDS).data()).get("status"));
      assertFalse(events.stream().anyMatch(e -> e instanceof RwtEvents.DisconnectInfo d && !d.willReconnect()));
    } finally {
      client.close();
      proxy.close();
      deployer.undeploy(NAME);
    }
  }
}
