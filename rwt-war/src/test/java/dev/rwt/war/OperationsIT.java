package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.testing.Tokens;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator sees, scraped the way Prometheus and a load balancer would: traffic of known
 * size goes through real connections, and the metrics at {@code /rwt/metrics} move by exactly
 * that much; the MicroProfile Health endpoints of the server report RWT's checks. The same test
 * runs on Payara Micro (health on the HTTP port) and WildFly (health on the management port).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String LISTED = "ops.listed";
  private static final String UNLISTED = "ops.unlisted";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.testWar(Map.of("rwt.metrics.channels", LISTED));
  }

  @ArquillianResource URL base;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  @Test
  void countersMoveByTheTrafficSent() throws Exception {
    Map<String, Double> before = scrape();
    RwtPeer carol = RwtPeer.connect(base, Tokens.all("carol"));
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"));
        RwtPeer bob = RwtPeer.connect(base, Tokens.all("bob"))) {
      bob.subscribe(LISTED);
      bob.subscribe(UNLISTED);
      int listed = alice.subscribe(LISTED);
      int unlisted = alice.subscribe(UNLISTED);
      for (int i = 0; i < 3; i++) {
        alice.sendJson(FrameType.MESSAGE, listed, "{\"n\":" + i + "}");
      }
      for (int i = 0; i < 2; i++) {
        alice.sendJson(FrameType.MESSAGE, unlisted, "{\"n\":" + i + "}");
      }
      for (int i = 0; i < 5; i++) {
        bob.next(FrameType.MESSAGE);
      }
      rejectThreeClients();

      carol.close(); // cut, as a network would: the session waits for a resume
      awaitDelta(before, "rwt_sessions{state=\"detached\"}", 1);
      carol = RwtPeer.resume(base, Tokens.all("carol"), carol);
      assertTrue(carol.welcome.resumed());

      Map<String, Double> after = awaitDelta(before, "rwt_connections", 3);
      assertEquals(7, delta(before, after, "rwt_connections_opened_total"), "alice, bob, carol twice, three rejected");
      assertEquals(4, delta(before, after, "rwt_connections_closed_total"), "carol's cut one and the rejected");
      assertEquals(3, delta(before, after, "rwt_sessions_opened_total"));
      assertEquals(1, delta(before, after, "rwt_sessions_resumed_total"));
      assertEquals(0, delta(before, after, "rwt_sessions{state=\"detached\"}"));
      assertEquals(3, delta(before, after, "rwt_messages_received_total{channel=\"ops.listed\"}"));
      assertEquals(2, delta(before, after, "rwt_messages_received_total{channel=\"(other)\"}"));
      assertEquals(3, delta(before, after, "rwt_messages_delivered_total{channel=\"ops.listed\"}"), "to bob only");
      assertEquals(2, delta(before, after, "rwt_messages_delivered_total{channel=\"(other)\"}"));
      assertEquals(5, delta(before, after, "rwt_delivery_latency_seconds_count"));
      assertEquals(2, delta(before, after, "rwt_connections_rejected_total{code=\"PROTOCOL\"}"));
      assertEquals(1, delta(before, after, "rwt_connections_rejected_total{code=\"UNAUTHENTICATED\"}"));
      assertEquals(3, rejectedTotal(after) - rejectedTotal(before), "no other rejection");
      assertEquals(1.0, (double) after.get("rwt_backplane_up{type=\"local\"}"));
      String text = scrapeText();
      assertFalse(text.contains(UNLISTED), "an unlisted channel is no tag");
      assertFalse(text.contains(alice.welcome.session()), "no session is a tag");

      alice.socket.sendClose(1000);
      alice.awaitClose();
      awaitDelta(before, "rwt_sessions_ended_total{reason=\"NORMAL\"}", 1);
    } finally {
      carol.close();
    }
  }

  /** Closed 4000 at once for no rwt.v1; 4000 for a text message; 4001 for a bad token. */
  private void rejectThreeClients() throws Exception {
    try (TestSocket noSubprotocol = TestSocket.open(base, "chat")) {
      assertEquals(4000, noSubprotocol.awaitClose().code());
    }
    try (TestSocket text = TestSocket.open(base, "rwt.v1")) {
      text.sendText("{}");
      assertEquals(4000, text.awaitClose().code());
    }
    try {
      RwtPeer.connect(base, "not-a-jwt").close();
      throw new AssertionError("a bad token was accepted");
    } catch (IllegalStateException e) {
      assertTrue(e.getMessage().contains("4001"), e.getMessage());
    }
  }

  @Test
  void aSlowConsumerIsCountedByItsCloseCode() throws Exception {
    Map<String, Double> before = scrape();
    try (RwtPeer slow = RwtPeer.connect(base, Tokens.all("slow"));
        RwtPeer caller = RwtPeer.connect(base, Tokens.all("caller"))) {
      slow.autoAck = false;
      slow.subscribe("firehose");
      caller.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"firehose\",\"params\":400}");
      caller.next(FrameType.RESULT);
      assertEquals(4008, slow.awaitClose().code());
      Map<String, Double> after = awaitDelta(before, "rwt_connections_rejected_total{code=\"SLOW_CONSUMER\"}", 1);
      assertEquals(1, delta(before, after, "rwt_sessions_ended_total{reason=\"SLOW_CONSUMER\"}"));
      assertEquals(0, delta(before, after, "rwt_connections_rejected_total{code=\"RATE_LIMITED\"}"));
      double delivered = delta(before, after, "rwt_messages_delivered_total{channel=\"(other)\"}");
      assertTrue(delivered > 0 && delivered < 400, "delivered until the buffer overflowed: " + delivered);
    }
  }

  @Test
  void rotationsAreCountedAsEpochsAdvance() throws Exception {
    Map<String, Double> before = scrape();
    try (RwtPeer alice = RwtPeer.connect(base, Tokens.all("alice"))) {
      // epochs of 1.5 s in the test configuration; PINGs (every 2 s) are sealed under the new ones
      awaitDelta(before, "rwt_rotations_total", 1);
      assertTrue(alice.session.receiveEpoch() >= 1, "the client saw a newer epoch too");
    }
  }

  @Test
  void readinessAndLivenessReportRwtsChecks() throws Exception {
    Map<?, ?> ready = health("ready");
    assertEquals("UP", ready.get("status"), ready.toString());
    Map<String, Map<?, ?>> checks = checks(ready);
    for (String name : List.of("rwt-endpoint", "rwt-backplane", "rwt-config")) {
      assertEquals("UP", checks.get(name).get("status"), name + " in " + ready);
    }
    assertEquals("local", ((Map<?, ?>) checks.get("rwt-backplane").get("data")).get("type"));
    Map<?, ?> live = health("live");
    assertEquals("UP", live.get("status"), live.toString());
    assertEquals("UP", checks(live).get("rwt-timer").get("status"), live.toString());
    assertFalse(checks(live).containsKey("rwt-config"), "readiness checks are not liveness checks");
  }

  @Test
  void theScrapeIsInThePrometheusFormatOrOpenMetricsOnRequest() throws Exception {
    HttpResponse<String> plain = get(metricsUri(), "text/plain");
    assertEquals(200, plain.statusCode());
    assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    assertTrue(plain.body().contains("# TYPE rwt_connections_opened_total counter"), plain.body());
    HttpResponse<String> open = get(metricsUri(), "application/openmetrics-text; version=1.0.0");
    assertTrue(open.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
    assertTrue(open.body().endsWith("# EOF\n"), open.body());
  }

  // ---- scraping --------------------------------------------------------------------------

  private URI metricsUri() {
    return URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + "rwt/metrics");
  }

  private HttpResponse<String> get(URI uri, String accept) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", accept).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String scrapeText() throws Exception {
    HttpResponse<String> response = get(metricsUri(), "text/plain");
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  /** Every sample of the scrape: {@code name{labels}} to value. */
  private Map<String, Double> scrape() throws Exception {
    Map<String, Double> samples = new HashMap<>();
    for (String line : scrapeText().split("\n")) {
      int space = line.lastIndexOf(' ');
      if (!line.startsWith("#") && space > 0) {
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return samples;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
    assertTrue(after.containsKey(sample), sample + " in " + after.keySet());
    return after.get(sample) - before.getOrDefault(sample, 0.0);
  }

  private static double rejectedTotal(Map<String, Double> samples) {
    Predicate<String> rejected = k -> k.startsWith("rwt_connections_rejected_total{");
    return samples.entrySet().stream().filter(e -> rejected.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
  }

  /** Scrapes until {@code sample} has moved by {@code expected} (the server counts closes as they land). */
  private Map<String, Double> awaitDelta(Map<String, Double> before, String sample, double expected) throws Exception {
    long deadline = System.currentTimeMillis() + 3 * TIMEOUT.toMillis();
    while (true) {
      Map<String, Double> now = scrape();
      double moved = delta(before, now, sample);
      if (moved >= expected || System.currentTimeMillis() > deadline) {
        assertEquals(expected, moved, sample);
        return now;
      }
      Thread.sleep(100);
    }
  }

  // ---- health ----------------------------------------------------------------------------

  /**
   * The server's MicroProfile Health endpoint: Payara serves it on the HTTP port, WildFly on
   * the management interface.
   */
  private Map<?, ?> health(String kind) throws Exception {
    int port = "wildfly".equals(System.getProperty("arquillian.launch"))
        ? Integer.getInteger("rwt.wildfly.management-port")
        : base.getPort();
    URI uri = URI.create("http://127.0.0.1:" + port + "/health/" + kind);
    HttpResponse<String> response = get(uri, "application/json");
    // Payara Micro's own /health servlet has been seen answering 500 (an NPE inside Payara) just
    // after deployment; a DOWN check answers 503, so retrying a 500 for a few seconds hides no RWT fault
    for (int tries = 0; response.statusCode() == 500 && tries < 20; tries++) {
      Thread.sleep(250);
      response = get(uri, "application/json");
    }
    assertEquals(200, response.statusCode(), response.body());
    return (Map<?, ?>) Json.parse(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Map<String, Map<?, ?>> checks(Map<?, ?> health) {
    Map<String, Map<?, ?>> byName = new HashMap<>();
    for (Object check : (List<?>) health.get("checks")) {
      Map<?, ?> c = (Map<?, ?>) check;
      byName.put((String) c.get("name"), c);
    }
    return byName;
  }
}
