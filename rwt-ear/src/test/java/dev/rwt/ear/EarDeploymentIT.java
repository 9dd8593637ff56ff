package dev.rwt.ear;

import static dev.rwt.ear.EarClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.testing.Tokens;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The EAR as built (the WAR, and the rwt libraries in {@code lib/}) deployed on a real server and
 * answering real clients: the handshake, a relay between two clients, a server-side publish and
 * an RPC on a bean of the WAR. The only thing added is its configuration, the way a deployer
 * would: a jar in {@code lib/} with {@code META-INF/microprofile-config.properties}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EarDeploymentIT {

  private static final File EAR = new File(System.getProperty("rwt.ear"));

  @Deployment(testable = false)
  static EnterpriseArchive ear() {
    String config = "rwt.auth.jwt.secret=" + Tokens.SECRET + "\nrwt.demo.enabled=true\n";
    JavaArchive configJar = ShrinkWrap.create(JavaArchive.class, "rwt-test-config.jar")
        .addAsManifestResource(new StringAsset(config), "microprofile-config.properties");
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, EAR).addAsLibrary(configJar);
  }

  @ArquillianResource URL base;

  @Test
  void theEarHoldsASkinnyWarAndTheRwtLibrariesInLib() throws Exception {
    try (ZipFile ear = new ZipFile(EAR)) {
      List<String> names = ear.stream().map(ZipEntry::getName).toList();
      for (String lib : List.of("lib/rwt-impl-", "lib/rwt-api-", "lib/rwt-protocol-", "lib/nimbus-jose-jwt-")) {
        assertTrue(names.stream().anyMatch(n -> n.startsWith(lib) && n.endsWith(".jar")), lib + "* in " + names);
      }
      ZipEntry war = ear.stream().filter(e -> e.getName().endsWith(".war")).findFirst().orElseThrow();
      List<String> warJars = new ArrayList<>();
      try (ZipInputStream in = new ZipInputStream(ear.getInputStream(war))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          if (e.getName().startsWith("WEB-INF/lib/")) {
            warJars.add(e.getName());
          }
        }
      }
      assertEquals(List.of(), warJars.stream().filter(n -> n.endsWith(".jar")).toList(), "jars left in the WAR");
    }
  }

  @Test
  void aClientHandshakesAndGetsTheMessagesAnotherClientSendsOnItsChannel() throws Exception {
    try (EarClient alice = EarClient.connect(endpoint(), Tokens.all("alice"));
        EarClient bob = EarClient.connect(endpoint(), Tokens.all("bob"))) {
      assertFalse(alice.welcome().resumed());
      alice.subscribe("chat");
      int bobChat = bob.subscribe("chat");
      bob.sendJson(FrameType.MESSAGE, bobChat, "{\"text\":\"hello from bob\"}");
      OpenedFrame relayed = alice.next(f -> f.type() == FrameType.MESSAGE && text(f).contains("hello from bob"));
      assertEquals("bob", relayed.meta().get("from"));
    }
  }

  @Test
  void aSubscriberGetsWhatABeanOfTheWarPublishes() throws Exception {
    try (EarClient alice = EarClient.connect(endpoint(), Tokens.all("alice"))) {
      int metrics = alice.subscribe("metrics");
      OpenedFrame sample = alice.next(f -> f.type() == FrameType.MESSAGE && f.channel() == metrics);
      assertInstanceOf(Map.class, Json.parse(text(sample)));
    }
  }

  @Test
  void anRpcMethodOfTheWarAnswers() throws Exception {
    try (EarClient alice = EarClient.connect(endpoint(), Tokens.all("alice"))) {
      alice.sendJson(FrameType.CALL, 0, "{\"id\":7,\"method\":\"demo.status\"}");
      OpenedFrame result = alice.next(f -> f.type() == FrameType.RESULT);
      Map<?, ?> body = (Map<?, ?>) Json.parse(text(result));
      assertEquals(7L, body.get("id"));
      assertNull(body.get("error"), () -> "error: " + body.get("error"));
      assertInstanceOf(Map.class, body.get("result"));
    }
  }

  /** The Origin check (a servlet filter in rwt-impl, now in lib/) still guards the endpoint. */
  @Test
  void anUpgradeFromAPageOfAnotherSiteIsRefusedWith403() {
    ExecutionException refused = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Origin", "https://elsewhere.example")
        .subprotocols("rwt.v1")
        .buildAsync(endpoint(), new WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS));
    WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
    assertEquals(403, handshake.getResponse().statusCode());
  }

  /** The endpoint under the WAR's context root, through loopback whatever address the server reports. */
  private URI endpoint() {
    return URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + "rwt");
  }
}
