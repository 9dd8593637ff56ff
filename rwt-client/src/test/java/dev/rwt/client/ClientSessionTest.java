package dev.rwt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's session logic against an in-memory server (no network). */
class ClientSessionTest {
  private final FakeServer server = new FakeServer(60_000);
  private final List<RwtClient> clients = new ArrayList<>();

  @AfterEach
  void tearDown() {
    clients.forEach(RwtClient::close);
    server.close();
  }

  private RwtClient client(RwtClientBuilder b) {
    RwtClient c = b.build();
    clients.add(c);
    return c;
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    CompletionException e = assertThrows(CompletionException.class, () -> f.orTimeout(5, TimeUnit.SECONDS).join());
    return e.getCause();
  }

  static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    Eventually.await(condition, () -> what, 10_000);
  }

  @Test
  void connectOpensTheSessionAndStatusSaysSo() throws Exception {
    RwtClient c = client(server.client());
    List<RwtEvents.ConnectInfo> connects = new CopyOnWriteArrayList<>();
    c.on(RwtEvents.CONNECT, connects::add);
    await(c.connect());
    ClientStatus st = c.getStatus();
    assertEquals(ConnectionState.OPEN, st.state());
    assertTrue(st.connected());
    eventually(() -> connects.size() == 1, "connect event");
    assertFalse(connects.get(0).resumed());
    assertEquals(st.sessionId(), connects.get(0).sessionId());
  }

  @Test
  void aRefusedTokenFailsConnectWithAnAuthenticationException() {
    RwtClient c = client(server.client().authToken("bad"));
    RwtAuthenticationException e = assertInstanceOf(RwtAuthenticationException.class, failure(c.connect()));
    assertEquals("UNAUTHENTICATED", e.code());
    assertEquals(4001, e.closeCode());
    assertFalse(e.canRetry());
  }

  @Test
  void anUnreachableServerFailsConnectWithAConnectionException() {
    server.refuse = true;
    RwtClient c = client(server.client());
    RwtConnectionException e = assertInstanceOf(RwtConnectionException.class, failure(c.connect()));
    assertEquals("CONNECT_FAILED", e.code());
    assertTrue(e.canRetry());
    assertEquals(ConnectionState.IDLE, c.getStatus().state());
  }

  @Test
  void aSilentServerFailsConnectWithATimeout() {
    server.silent = true;
    RwtClient c = client(server.client().connectTimeout(Duration.ofMillis(200)));
    assertInstanceOf(RwtTimeoutException.class, failure(c.connect()));
  }

  @Test
  void aMessageOnAChannelSubscribesFirstAndComesBack() throws Exception {
    RwtClient c = client(server.client());
    await(c.connect());
    CompletableFuture<ReceivedMessage> echo = c.waitForMessage(MessageFilter.type("hello"), "echo", Duration.ofSeconds(5));
    SendResult sent = await(c.send("echo", Map.of("type", "hello", "n", 1)));
    assertEquals("echo", sent.channel());
    assertTrue(sent.encrypted());
    ReceivedMessage m = await(echo);
    assertEquals(Map.of("type", "hello", "n", 1L), m.data());
    assertEquals("echo", m.from());
    assertTrue(m.encrypted());
    assertTrue(c.isSubscribed("echo"));
  }

  @Test
  void binaryAndDirectMessagesKeepTheirKind() throws Exception {
    RwtClient c = client(server.client());
    await(c.connect());
    CompletableFuture<ReceivedMessage> direct = c.waitForMessage(null, null, Duration.ofSeconds(5));
    await(c.sendBinary(null, new byte[] {1, 2, 3}));
    ReceivedMessage m = await(direct);
    assertTrue(m.isDirect());
    assertTrue(m.binary());
    assertEquals(3, m.payload().length);
  }

  @Test
  void aPojoIsRefusedWithAnEncodingException() throws Exception {
    RwtClient c = client(server.client());
    await(c.connect());
    assertInstanceOf(RwtEncodingException.class, failure(c.send("echo", new Object())));
    assertEquals(Map.of("a", 1L), await(c.call("echo", JsonText.of("{\"a\":1}"))));
  }

  @Test
  void callsResolveFailAndTimeOut() throws Exception {
    RwtClient c = client(server.client());
    await(c.connect());
    assertEquals(List.of(1L, "two"), await(c.call("echo", List.of(1, "two"))));
    Integer seven = await(c.call("echo", 7, v -> ((Long) v).intValue(), Duration.ofSeconds(5)));
    assertEquals(7, seven);
    assertEquals("{\"x\":true}", await(c.callJson("echo", "{\"x\":true}", Duration.ofSeconds(5))));
    RwtException e = assertInstanceOf(RwtException.class, failure(c.call("nope", null)));
    assertEquals("NO_SUCH_METHOD", e.code());
    assertEquals("call", e.operation());
    assertInstanceOf(RwtTimeoutException.class, failure(c.call("never", null, Duration.ofMillis(100))));
  }

  @Test
  void aRefusedSubscriptionFailsWithTheServersCode() throws Exception {
    RwtClient c = client(server.client());
    await(c.connect());
    RwtException e = assertInstanceOf(RwtException.class, failure(c.subscribe("forbidden.x")));
    assertEquals("FORBIDDEN", e.code());
    assertFalse(c.isSubscribed("forbidden.x"));
  }

  @Test
  void channelHandlesAndGroups() throws Exception {
    RwtClient c = client(server.client().channelGroups(Map.of("g", List.of("echo", "other"))));
    await(c.connect());
    await(c.subscribeGroup("g"));
    List<String> seen = new CopyOnWriteArrayList<>();
    c.onGroup("g", (m, group) -> seen.add(group + ":" + m.channel()));
    ChannelHandle echo = c.createChannel("echo");
    eventually(echo::isActive, "echo active");
    CompletableFuture<ReceivedMessage> next = echo.waitForMessage(null, Duration.ofSeconds(5));
    await(echo.send("hi"));
    assertEquals("hi", await(next).data());
    eventually(() -> seen.contains("g:echo"), "group listener");
    assertEquals(List.of("echo", "other"), c.getChannels().stream().map(ChannelHandle::name).sorted().toList());
    await(echo.close());
    assertFalse(echo.isActive());
    await(echo.open());
    assertTrue(echo.isActive());
  }

  @Test
  void disconnectEndsTheSessionAndFailsWhatIsPending() throws Exception {
    RwtClient c = client(server.client());
    await(c.connect());
    CompletableFuture<Object> pending = c.call("never", null, Duration.ofSeconds(30));
    List<RwtEvents.DisconnectInfo> disconnects = new CopyOnWriteArrayList<>();
    c.on(RwtEvents.DISCONNECT, disconnects::add);
    await(c.disconnect());
    assertInstanceOf(RwtDisconnectedException.class, failure(pending));
    assertEquals(ConnectionState.CLOSED, c.getStatus().state());
    eventually(() -> disconnects.size() == 1, "disconnect event");
    assertTrue(disconnects.get(0).intentional());
    assertFalse(disconnects.get(0).willReconnect());
    assertInstanceOf(RwtDisconnectedException.class, failure(c.send("echo", 1)));
    await(c.connect());
    assertEquals(ConnectionState.OPEN, c.getStatus().state());
  }

  @Test
  void aCutConnectionIsResumedWithNothingLostOrRepeated() throws Exception {
    RwtClient c = client(server.client());
    List<Long> got = Collections.synchronizedList(new ArrayList<>());
    List<RwtEvents.ReconnectInfo> reconnects = new CopyOnWriteArrayList<>();
    c.on(RwtEvents.message("feed"), m -> got.add((Long) m.data()));
    c.on(RwtEvents.RECONNECT, reconnects::add);
    await(c.connect());
    await(c.subscribe("feed"));
    await(c.subscribe("up"));
    String session = c.getStatus().sessionId();
    Random random = new Random(42);
    int n = 300;
    for (int i = 0; i < n; i++) {
      c.send("up", i);
      server.publish("feed", i);
      if (random.nextInt(40) == 0) {
        server.cutAll();
      }
      if (i % 10 == 0) {
        Thread.sleep(2);
      }
    }
    List<String> expected = new ArrayList<>();
    List<Long> expectedFeed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(Integer.toString(i));
      expectedFeed.add((long) i);
    }
    eventually(() -> got.size() >= n, "all feed messages (" + got.size() + ")");
    eventually(() -> {
      try {
        return server.received(session).size() >= n;
      } catch (Exception e) {
        return false;
      }
    }, "all up messages");
    assertEquals(expectedFeed, got, "feed in order, exactly once");
    assertEquals(expected, server.received(session), "up in order, exactly once");
    assertTrue(reconnects.stream().filter(RwtEvents.ReconnectInfo::success).allMatch(RwtEvents.ReconnectInfo::resumed),
        "every reconnect resumed: " + reconnects);
    assertTrue(c.getStatus().reconnects() > 0, "the test cut connections");
    assertEquals(session, c.getStatus().sessionId());
    assertFalse(c.getStatus().continuityLost());
  }

  @Test
  void aForgottenSessionIsReportedAsLostContinuity() throws Exception {
    RwtClient c = client(server.client().channels("echo"));
    List<RwtEvents.ContinuityLost> lost = new CopyOnWriteArrayList<>();
    c.on(RwtEvents.CONTINUITY_LOST, lost::add);
    await(c.connect());
    eventually(() -> c.isSubscribed("echo"), "echo subscribed");
    String first = c.getStatus().sessionId();
    server.forgetSessions();
    server.cutAll();
    eventually(() -> lost.size() == 1, "continuity-lost");
    assertEquals(first, lost.get(0).previousSession());
    assertTrue(lost.get(0).resumeRequested());
    eventually(() -> c.isSubscribed("echo"), "echo subscribed again");
    assertTrue(c.getStatus().continuityLost());
  }

  @Test
  void sendsWhileReconnectingAreQueuedAndLeaveOnceBack() throws Exception {
    RwtClient c = client(server.client().reconnection(ReconnectionPolicy.defaults()
        .baseDelay(Duration.ofMillis(300)).jitter(0)));
    await(c.connect());
    await(c.subscribe("up"));
    String session = c.getStatus().sessionId();
    server.cutAll();
    eventually(() -> c.getStatus().state() == ConnectionState.RECONNECTING, "reconnecting");
    CompletableFuture<SendResult> low = c.send("up", "low", SendOptions.defaults().priority(SendOptions.Priority.LOW));
    CompletableFuture<SendResult> high = c.send("up", "high", SendOptions.defaults().priority(SendOptions.Priority.HIGH));
    assertEquals(2, c.getStatus().queuedSends());
    await(low);
    await(high);
    eventually(() -> {
      try {
        return server.received(session).size() == 2;
      } catch (Exception e) {
        return false;
      }
    }, "queued sends");
    assertEquals(List.of("\"high\"", "\"low\""), server.received(session));
  }

  @Test
  void aFailingTokenSourceIsRetriedWithBackoffWhileTheTokenIsValid() throws Exception {
    server.authExp = System.currentTimeMillis() + 1_000;
    AtomicInteger asked = new AtomicInteger();
    RwtClient c = client(server.client().renewThreshold(0.5).authToken(() -> asked.incrementAndGet() == 1
        ? CompletableFuture.completedFuture(FakeServer.GOOD)
        : CompletableFuture.failedFuture(new IllegalStateException("identity provider down"))));
    List<RwtEvents.AuthRefreshFailed> failures = new CopyOnWriteArrayList<>();
    c.on(RwtEvents.AUTH_REFRESH_FAILED, failures::add);
    await(c.connect());
    eventually(() -> !failures.isEmpty() && !failures.get(failures.size() - 1).willRetry(), "the last retry");
    assertTrue(failures.size() >= 3, failures.size() + " failures");
    for (int i = 0; i < failures.size(); i++) {
      assertEquals(i + 1, failures.get(i).attempt());
      assertEquals("identity provider down", failures.get(i).error().getCause().getMessage());
    }
    assertTrue(failures.get(1).retryInMs() < failures.get(0).retryInMs(), "retries fit before the expiry");
    assertEquals(failures.size() + 1, asked.get(), "one call per attempt, none after giving up");
    assertEquals(ConnectionState.OPEN, c.getStatus().state(), "the old token is still in use");
  }
}
