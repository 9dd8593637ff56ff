package dev.rwt.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.client.ChannelHandle;
import dev.rwt.client.ClientStatus;
import dev.rwt.client.ConnectionState;
import dev.rwt.client.JsonText;
import dev.rwt.client.MessageFilter;
import dev.rwt.client.ReceivedMessage;
import dev.rwt.client.ReconnectionPolicy;
import dev.rwt.client.RwtAuthenticationException;
import dev.rwt.client.RwtClient;
import dev.rwt.client.RwtClientBuilder;
import dev.rwt.client.RwtDisconnectedException;
import dev.rwt.client.RwtEvents;
import dev.rwt.client.RwtException;
import dev.rwt.client.RwtTimeoutException;
import dev.rwt.client.SendOptions;
import dev.rwt.client.SendResult;
import dev.rwt.testing.Eventually;
import dev.rwt.testing.Tokens;
import java.net.URI;
import java.net.URL;
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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java client against the real WAR on Payara Micro: every group of its API. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  URI endpoint(int port) {
    return URI.create("ws://127.0.0.1:" + port + base.getPath() + "rwt");
  }

  RwtClientBuilder builder(String subject) {
    return RwtClient.builder(endpoint(base.getPort())).authToken(Tokens.all(subject));
  }

  RwtClient open(RwtClientBuilder b) throws Exception {
    RwtClient c = b.build();
    closeables.add(c);
    await(c.connect());
    return c;
  }

  static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(CompletionException.class, () -> f.orTimeout(20, TimeUnit.SECONDS).join()).getCause();
  }

  @Test
  void connectStatusAndDisconnect() throws Exception {
    RwtClient alice = builder("alice").build();
    closeables.add(alice);
    List<String> events = new CopyOnWriteArrayList<>();
    alice.on(RwtEvents.CONNECT, i -> events.add("connect"));
    alice.on(RwtEvents.KEY_ROTATE, k -> events.add("key-rotate:" + k.reason()));
    alice.on(RwtEvents.DISCONNECT, d -> events.add("disconnect:" + d.code() + ":" + d.intentional()));
    assertEquals(ConnectionState.IDLE, alice.getStatus().state());
    await(alice.connect());
    ClientStatus st = alice.getStatus();
    assertEquals(ConnectionState.OPEN, st.state());
    assertNotNull(st.sessionId());
    assertTrue(st.authExp() > System.currentTimeMillis());
    Eventually.await(() -> alice.getStatus().latencyMs() >= 0, () -> "a PONG");
    await(alice.disconnect(true, 1000, "bye"));
    assertEquals(ConnectionState.CLOSED, alice.getStatus().state());
    Eventually.await(() -> events.contains("disconnect:1000:true"), () -> "events " + events);
    assertEquals(List.of("key-rotate:handshake", "connect", "disconnect:1000:true"), events);
    assertInstanceOf(RwtDisconnectedException.class, failure(alice.send("chat", 1)));
  }

  @Test
  void messagesTravelBothWaysBetweenTwoClientsOnAChannel() throws Exception {
    RwtClient alice = open(builder("alice").channels("chat"));
    RwtClient bob = open(builder("bob"));
    await(bob.subscribe("chat"));
    Eventually.await(() -> alice.isSubscribed("chat"), () -> "alice subscribed");
    CompletableFuture<ReceivedMessage> atBob = bob.waitForMessage(MessageFilter.from("alice"), "chat", Duration.ofSeconds(10));
    SendResult sent = await(alice.send("chat", Map.of("text", "hi bob")));
    assertTrue(sent.encrypted());
    ReceivedMessage m = await(atBob);
    assertEquals(Map.of("text", "hi bob"), m.data());
    assertEquals("chat", m.channel());
    assertTrue(m.encrypted());
    assertNotNull(m.id());

    CompletableFuture<ReceivedMessage> atAlice = alice.waitForMessage(null, "chat", Duration.ofSeconds(10));
    await(bob.send("chat", "hi alice", SendOptions.defaults().encrypt(false).compress(true)));
    ReceivedMessage back = await(atAlice);
    assertEquals("hi alice", back.data());
    assertEquals("bob", back.from());
    assertFalse(back.encrypted());

    CompletableFuture<ReceivedMessage> bytes = bob.waitForMessage(m2 -> m2.binary(), "chat", Duration.ofSeconds(10));
    await(alice.sendBinary("chat", new byte[] {1, 2, 3}));
    assertEquals(3, await(bytes).payload().length);

    String big = "x".repeat(5000);
    CompletableFuture<ReceivedMessage> compressed = bob.waitForMessage(m3 -> big.equals(m3.data()), "chat",
        Duration.ofSeconds(10));
    await(alice.send("chat", big, SendOptions.defaults().encrypt(false)));
    assertEquals(big, await(compressed).data());
    assertTrue(alice.getStatus().compressionRatio() < 0.5);
    SendResult secret = await(alice.send("chat", big));
    assertTrue(secret.encrypted());
    assertFalse(secret.compressed(), "\"auto\" never compresses an encrypted payload");
  }

  @Test
  void directMessagesAndObserverRepliesReachTheClient() throws Exception {
    RwtClient alice = open(builder("alice"));
    CompletableFuture<ReceivedMessage> echo = alice.waitForMessage(ReceivedMessage::isDirect, null, Duration.ofSeconds(10));
    await(alice.sendDirect("ping"));
    assertEquals(Map.of("echo", "\"ping\""), await(echo).data());

    CompletableFuture<ReceivedMessage> ack = alice.waitForMessage(null, "orders", Duration.ofSeconds(10));
    await(alice.send("orders", JsonText.of("{\"id\":\"o-7\",\"qty\":3}")));
    ReceivedMessage m = await(ack);
    assertEquals(Map.of("id", "o-7", "status", "accepted x3"), m.data());
    assertEquals(null, m.from(), "a server message has no sender");
  }

  @Test
  void rpcCallsResolveAndFailWithTheServersCodes() throws Exception {
    RwtClient alice = open(builder("alice"));
    long first = (Long) await(alice.call("counter.increment", Map.of("by", 5)));
    Integer second = await(alice.call("counter.increment", Map.of("by", 1), v -> ((Long) v).intValue(),
        Duration.ofSeconds(10)));
    assertEquals(first + 1, second.longValue());
    assertEquals("\"alice\"", await(alice.callJson("whoami", null, Duration.ofSeconds(10))));
    RwtException missing = assertInstanceOf(RwtException.class, failure(alice.call("nope", null)));
    assertEquals("NO_SUCH_METHOD", missing.code());
    assertEquals("call", missing.operation());
    assertEquals("INTERNAL", ((RwtException) failure(alice.call("boom", null))).code());
    assertEquals("OUT_OF_STOCK", ((RwtException) failure(alice.call("out.of.stock", null))).code());
    RwtTimeoutException slow = assertInstanceOf(RwtTimeoutException.class,
        failure(alice.call("slow", null, Duration.ofMillis(200))));
    assertTrue(slow.canRetry());
  }

  @Test
  void eventsReportRotationSendsAndWarnings() throws Exception {
    RwtClient alice = builder("alice").encryptPayloads(false).build();
    closeables.add(alice);
    List<RwtEvents.TokenRotation> rotations = new CopyOnWriteArrayList<>();
    List<String> warnings = new CopyOnWriteArrayList<>();
    List<SendResult> sends = new CopyOnWriteArrayList<>();
    alice.on(RwtEvents.TOKEN_ROTATE, rotations::add);
    alice.on(RwtEvents.SECURITY_WARNING, w -> warnings.add(w.code()));
    alice.on(RwtEvents.SEND, sends::add);
    List<String> once = new CopyOnWriteArrayList<>();
    alice.once(RwtEvents.SEND, s -> once.add(s.channel()));
    await(alice.connect());
    await(alice.send("news", 1));
    await(alice.send("news", 2));
    Eventually.await(() -> rotations.size() >= 2, () -> "two token rotations");
    assertTrue(alice.getStatus().tokenRotations() >= 2);
    Eventually.await(() -> sends.size() == 2, () -> "send events");
    assertFalse(sends.get(0).encrypted());
    assertEquals(List.of("news"), once);
    assertEquals(List.of("ENCRYPTION_DISABLED"), warnings);
    alice.offAll(RwtEvents.SEND);
    await(alice.send("news", 3));
    Thread.sleep(200);
    assertEquals(2, sends.size());
  }

  @Test
  void channelHandlesAndGroups() throws Exception {
    RwtClient alice = open(builder("alice").channelGroups(Map.of("market", List.of("prices.eu", "prices.us"))));
    RwtClient bob = open(builder("bob"));
    await(alice.subscribeGroup("market"));
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    alice.onGroup("market", (m, group) -> seen.add(group + "/" + m.channel() + "=" + m.data()));
    ChannelHandle eu = bob.createChannel("prices.eu");
    ChannelHandle us = bob.createChannel("prices.us");
    Eventually.await(() -> eu.isActive() && us.isActive(), () -> "bob's handles active");
    await(eu.send(101));
    await(us.send(102));
    Eventually.await(() -> seen.size() == 2, () -> "group messages " + seen);
    assertTrue(seen.containsAll(List.of("market/prices.eu=101", "market/prices.us=102")));

    List<Object> onHandle = new CopyOnWriteArrayList<>();
    alice.createChannel("prices.eu").onMessage(m -> onHandle.add(m.data()));
    CompletableFuture<ReceivedMessage> next = alice.createChannel("prices.eu")
        .waitForMessage(MessageFilter.from("bob"), Duration.ofSeconds(10));
    await(eu.send(103));
    assertEquals(103L, await(next).data());
    Eventually.await(() -> onHandle.contains(103L), () -> "handle listener");
    assertEquals(List.of("prices.eu", "prices.us"), alice.getChannels().stream().map(ChannelHandle::name).sorted()
        .toList());

    await(eu.close());
    assertFalse(eu.isActive());
    await(eu.open());
    assertTrue(eu.isActive());
  }

  @Test
  void authenticationFailuresAndTimeoutsAreTypedErrors() throws Exception {
    RwtClient forged = RwtClient.builder(endpoint(base.getPort())).authToken(Tokens.forged("mallory")).build();
    closeables.add(forged);
    RwtAuthenticationException e = assertInstanceOf(RwtAuthenticationException.class, failure(forged.connect()));
    assertEquals("UNAUTHENTICATED", e.code());
    assertEquals(4001, e.closeCode());
    assertFalse(e.canRetry());

    RwtClient limited = open(RwtClient.builder(endpoint(base.getPort()))
        .authToken(Tokens.token("carol", Map.of("sub", List.of("open.*"), "pub", List.of(), "rpc", List.of()),
            3_600_000)));
    RwtException forbidden = assertInstanceOf(RwtException.class, failure(limited.subscribe("secret")));
    assertEquals("FORBIDDEN", forbidden.code());
    assertEquals("subscribe", forbidden.operation());
    assertEquals("FORBIDDEN", ((RwtException) failure(limited.call("whoami", null))).code());
    assertInstanceOf(RwtTimeoutException.class,
        failure(limited.waitForMessage(null, "open.x", Duration.ofMillis(100))));
  }

  @Test
  void aTokenFromASupplierIsRenewedBeforeItExpires() throws Exception {
    List<Long> refreshed = new CopyOnWriteArrayList<>();
    RwtClient alice = RwtClient.builder(endpoint(base.getPort()))
        .authToken(() -> CompletableFuture.completedFuture(Tokens.token("alice", Tokens.ALL, 4000))).build();
    closeables.add(alice);
    alice.on(RwtEvents.AUTH_REFRESH, r -> refreshed.add(r.authExp()));
    await(alice.connect());
    long firstExp = alice.getStatus().authExp();
    Eventually.await(() -> !refreshed.isEmpty(), () -> "auth-refresh");
    assertTrue(refreshed.get(0) > firstExp);
    assertEquals("alice", await(alice.call("whoami", null)));
  }

  /**
   * Cuts the client's side of the connection at random points of a stream (the server side is
   * left half-open, as after a network failure it has not noticed yet); the client resumes on a
   * new connection, the server moves the session to it.
   */
  @Test
  void aStreamCutAtRandomPointsArrivesExactlyOnceInOrderBothWays() throws Exception {
    TcpProxy proxy = new TcpProxy(base.getPort());
    closeables.add(proxy);
    RwtClient alice = open(RwtClient.builder(endpoint(proxy.port())).authToken(Tokens.all("alice-cut"))
        .channels("numbers").reconnection(ReconnectionPolicy.defaults().baseDelay(Duration.ofMillis(50))
            .maxDelay(Duration.ofMillis(300)).maxAttempts(50)));
    RwtClient publisher = open(builder("publisher"));
    List<Long> got = Collections.synchronizedList(new ArrayList<>());
    alice.on(RwtEvents.message("numbers"), m -> got.add((Long) m.data()));
    List<RwtEvents.ReconnectInfo> reconnects = new CopyOnWriteArrayList<>();
    alice.on(RwtEvents.RECONNECT, reconnects::add);
    Eventually.await(() -> alice.isSubscribed("numbers"), () -> "subscribed");
    String session = alice.getStatus().sessionId();

    int n = 400;
    Random random = new Random(7);
    int cuts = 0;
    for (int i = 0; i < n; i += 20) {
      alice.send("tally", i);
      await(publisher.call("burst", Map.of("channel", "numbers", "from", i, "count", 20)));
      for (int k = 1; k < 20; k++) {
        alice.send("tally", i + k);
      }
      if (random.nextInt(3) == 0) {
        // cut an open connection: each cut then really drops frames in flight both ways
        Eventually.await(() -> alice.getStatus().state() == ConnectionState.OPEN, () -> "open before a cut");
        Thread.sleep(random.nextInt(30));
        proxy.cutClients();
        cuts++;
      }
    }
    List<Object> errors = new CopyOnWriteArrayList<>();
    alice.on(RwtEvents.ERROR, errors::add);
    alice.on(RwtEvents.DISCONNECT, errors::add);
    Eventually.await(() -> got.size() >= n, () -> "numbers received: " + got.size() + " " + alice.getStatus() + " "
        + reconnects + " " + errors);
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      expected.add(i);
    }
    Thread.sleep(300);
    assertEquals(expected, got, "server to client: every number once, in order");
    Eventually.await(() -> alice.getStatus().unackedFrames() == 0 && alice.getStatus().queuedSends() == 0,
        () -> "client frames acknowledged");
    // client to server: the server takes each frame in once, even when the half-open old
    // connection still delivers while the client resumes on the new one
    List<?> tally = (List<?>) await(alice.call("tally", null));
    assertEquals(expected, tally, "client to server: every number once, in order");
    assertTrue(cuts > 0 && !reconnects.isEmpty(), "connections were cut");
    assertTrue(reconnects.stream().filter(RwtEvents.ReconnectInfo::success).allMatch(RwtEvents.ReconnectInfo::resumed),
        "every reconnect resumed: " + reconnects);
    assertEquals(session, alice.getStatus().sessionId());
    assertFalse(alice.getStatus().continuityLost());
  }
}
