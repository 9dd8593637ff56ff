package dev.rwt.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.client.ChannelHandle;
import dev.rwt.client.ConnectionState;
import dev.rwt.client.RwtAuthenticationException;
import dev.rwt.client.RwtClient;
import dev.rwt.client.RwtEvents;
import dev.rwt.client.RwtException;
import dev.rwt.testing.Eventually;
import dev.rwt.testing.Tokens;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java client renewing its application token on a live connection (PROTOCOL.md section
 * 4.1) against the real WAR on Payara Micro. Every client here gets its tokens from a supplier,
 * as an application with an identity provider would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RenewalIT {

  private static final Map<String, Object> ALPHA_AND_BETA =
      Map.of("sub", List.of("alpha", "beta"), "rpc", List.of("*"));
  private static final Map<String, Object> ALPHA_ONLY = Map.of("sub", List.of("alpha"), "rpc", List.of("*"));

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war();
  }

  @ArquillianResource URL base;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private RwtClient publisher;

  /**
   * One RPC round trip first: the machine may be loaded and the first connection after the
   * deployment slow, which must not eat into a 5 s token.
   */
  @BeforeEach
  void warmUp() throws Exception {
    publisher = RwtClient.builder(endpoint()).authToken(Tokens.all("publisher")).build();
    closeables.add(publisher);
    await(publisher.connect());
    assertEquals("publisher", await(publisher.call("whoami", null)));
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private URI endpoint() {
    return URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + "rwt");
  }

  /** A client whose token source is {@code source}, counting how often it is asked. */
  private RwtClient client(AtomicInteger asked, Supplier<CompletionStage<String>> source) {
    RwtClient c = RwtClient.builder(endpoint()).authToken(() -> {
      asked.incrementAndGet();
      return source.get();
    }).build();
    closeables.add(c);
    return c;
  }

  private void stream(String channel, int count, int intervalMs) throws Exception {
    assertEquals("started", await(publisher.call("stream",
        Map.of("channel", channel, "count", count, "intervalMs", intervalMs))));
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  @Test
  void aClientWithFiveSecondTokensRenewsAndKeepsReceivingAStreamForFifteenSeconds() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    RwtClient alice = client(asked,
        () -> CompletableFuture.completedFuture(Tokens.token("alice", Tokens.ALL, 5_000)));
    List<Long> renewedTo = new CopyOnWriteArrayList<>();
    List<Long> ticks = new CopyOnWriteArrayList<>();
    List<RwtEvents.DisconnectInfo> drops = new CopyOnWriteArrayList<>();
    alice.on(RwtEvents.AUTH_REFRESH, r -> renewedTo.add(r.authExp()));
    alice.on(RwtEvents.message("ticks"), m -> ticks.add((Long) ((Map<?, ?>) m.data()).get("n")));
    alice.on(RwtEvents.DISCONNECT, drops::add);
    long start = System.currentTimeMillis();
    await(alice.connect());
    long firstExp = alice.getStatus().authExp();
    await(alice.subscribe("ticks"));
    stream("ticks", 75, 200);

    Eventually.await(() -> ticks.size() == 75, () -> ticks.size() + " of 75 ticks");
    assertTrue(System.currentTimeMillis() - start >= 14_000, "the stream lasted its 15 s");
    assertEquals(LongStream.rangeClosed(1, 75).boxed().toList(), ticks, "every tick, once, in order");
    assertTrue(renewedTo.size() >= 2, "renewed " + renewedTo.size() + " times");
    assertTrue(renewedTo.get(0) > firstExp && renewedTo.get(1) > renewedTo.get(0), "each renewal moved the expiry");
    assertTrue(asked.get() >= 3, "the source was asked for each renewal");
    assertTrue(drops.isEmpty(), "never dropped: " + drops);
    assertEquals(ConnectionState.OPEN, alice.getStatus().state());
    assertTrue(alice.getStatus().authExp() > System.currentTimeMillis(), "the current token is still valid");
  }

  @Test
  void aClientWhoseTokenSourceFailsIsClosed4001AtExpiryAndDoesNotReconnect() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    RwtClient bob = client(asked, () -> asked.get() == 1
        ? CompletableFuture.completedFuture(Tokens.token("bob", Tokens.ALL, 5_000))
        : CompletableFuture.failedFuture(new IllegalStateException("identity provider down")));
    List<RwtEvents.AuthRefreshFailed> failures = new CopyOnWriteArrayList<>();
    List<RwtEvents.DisconnectInfo> drops = new CopyOnWriteArrayList<>();
    List<RwtEvents.ReconnectInfo> reconnects = new CopyOnWriteArrayList<>();
    bob.on(RwtEvents.AUTH_REFRESH_FAILED, failures::add);
    bob.on(RwtEvents.DISCONNECT, drops::add);
    bob.on(RwtEvents.RECONNECT, reconnects::add);
    await(bob.connect());
    long authExp = bob.getStatus().authExp();

    Eventually.await(() -> bob.getStatus().state() == ConnectionState.CLOSED, () -> "the close at expiry");
    assertTrue(System.currentTimeMillis() >= authExp - 1_000, "closed at the expiry, not before");
    RwtEvents.AuthRefreshFailed first = failures.get(0);
    assertEquals(1, first.attempt());
    assertTrue(first.willRetry(), "retried while the token was valid");
    assertEquals("identity provider down", first.error().getCause().getMessage());
    assertTrue(failures.size() >= 2, "retried with backoff: " + failures.size() + " failures");
    RwtException closedWith = bob.getStatus().lastError();
    assertInstanceOf(RwtAuthenticationException.class, closedWith);
    assertEquals(4001, closedWith.closeCode());
    assertEquals("auth expired", closedWith.details().get("reason"));
    assertFalse(closedWith.canRetry());
    Eventually.await(() -> !drops.isEmpty(), () -> "the disconnect event");
    assertEquals(4001, drops.get(0).code());
    assertFalse(drops.get(0).willReconnect());

    int askedAtClose = asked.get();
    Thread.sleep(1_500);
    assertTrue(reconnects.isEmpty(), "no reconnect with a dead token: " + reconnects);
    assertEquals(askedAtClose, asked.get(), "nothing asked for after the end");
  }

  @Test
  void aRenewalThatDropsAChannelPermissionEndsThatSubscriptionOnly() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    AtomicReference<Map<String, Object>> grants = new AtomicReference<>(ALPHA_AND_BETA);
    RwtClient carol = client(asked,
        () -> CompletableFuture.completedFuture(Tokens.token("carol", grants.get(), 4_000)));
    List<RwtEvents.SubscriptionChange> ended = new CopyOnWriteArrayList<>();
    List<Long> onAlpha = new CopyOnWriteArrayList<>();
    List<Long> onBeta = new CopyOnWriteArrayList<>();
    carol.on(RwtEvents.UNSUBSCRIBED, ended::add);
    carol.on(RwtEvents.message("alpha"), m -> onAlpha.add((Long) ((Map<?, ?>) m.data()).get("n")));
    carol.on(RwtEvents.message("beta"), m -> onBeta.add((Long) ((Map<?, ?>) m.data()).get("n")));
    await(carol.connect());
    ChannelHandle alpha = carol.createChannel("alpha");
    ChannelHandle beta = carol.createChannel("beta");
    await(alpha.open());
    await(beta.open());
    grants.set(ALPHA_ONLY); // the identity provider took "beta" away

    Eventually.await(() -> !ended.isEmpty(), () -> "an unsubscribed event");
    assertEquals(new RwtEvents.SubscriptionChange("beta", ended.get(0).id(), "FORBIDDEN"), ended.get(0));
    assertEquals(1, ended.size(), "only beta ended: " + ended);
    assertFalse(beta.isActive());
    assertTrue(alpha.isActive());
    stream("beta", 1, 1);
    stream("alpha", 1, 1);
    Eventually.await(() -> onAlpha.equals(List.of(1L)), () -> "alpha still delivering, got " + onAlpha);
    Thread.sleep(300);
    assertTrue(onBeta.isEmpty(), "nothing on the ended subscription: " + onBeta);
    assertEquals(ConnectionState.OPEN, carol.getStatus().state());
  }

  @Test
  void aRenewedTokenOfAnotherPrincipalIsClosed4003AndReportedAsAnAuthorizationError() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    RwtClient dave = client(asked, () -> CompletableFuture.completedFuture(asked.get() == 1
        ? Tokens.token("dave", Tokens.ALL, 3_000) : Tokens.token("mallory", Tokens.ALL, 3_600_000)));
    List<RwtEvents.DisconnectInfo> drops = new CopyOnWriteArrayList<>();
    List<RwtEvents.ReconnectInfo> reconnects = new CopyOnWriteArrayList<>();
    List<RwtException> errors = new CopyOnWriteArrayList<>();
    dave.on(RwtEvents.DISCONNECT, drops::add);
    dave.on(RwtEvents.RECONNECT, reconnects::add);
    dave.on(RwtEvents.ERROR, errors::add);
    await(dave.connect());

    Eventually.await(() -> dave.getStatus().state() == ConnectionState.CLOSED, () -> "the close for mallory's token");
    RwtException closedWith = dave.getStatus().lastError();
    assertInstanceOf(RwtAuthenticationException.class, closedWith);
    assertEquals("FORBIDDEN", closedWith.code());
    assertEquals(4003, closedWith.closeCode());
    assertFalse(closedWith.canRetry());
    Eventually.await(() -> !drops.isEmpty() && !errors.isEmpty(), () -> "disconnect and error events");
    assertEquals(4003, drops.get(0).code());
    assertFalse(drops.get(0).willReconnect());
    assertNotNull(errors.stream().filter(e -> e == closedWith).findFirst().orElse(null), "told through error");
    Thread.sleep(1_000);
    assertTrue(reconnects.isEmpty(), "not a drop to retry: " + reconnects);
    assertEquals(2, asked.get(), "the source was asked for the first token and the renewal only");
  }
}
