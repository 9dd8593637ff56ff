package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.Base64Url;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.SealOptions;
import dev.rwt.testing.Tokens;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
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
 * The soak test of docs/security.md: bad frames of every kind from many connections (each
 * fatal kind on a fresh connection, the others pipelined on a few long-lived ones) while
 * healthy sessions exchange numbered messages. {@code rwt.soak.frames} bad frames in all:
 * 10,000 in the default build, 100,000 with {@code -Pfuzz}. The tests run in order: the soak
 * first, then what it left behind (heap, server log).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoakIT {

  static final int BAD_FRAMES = Integer.getInteger("rwt.soak.frames", 10_000);
  /** One bad frame in ten ends its connection; the rest are pipelined on the attackers' connections. */
  static final int FATAL = BAD_FRAMES / 10;
  static final int ATTACKERS = 6;
  static final int FATAL_WORKERS = 3;
  static final int HEALTHY = 3;
  static final int MIN_HEALTHY_MESSAGES = 200;
  /** Refused frames an attacker may have sent and not yet seen answered. */
  static final int IN_FLIGHT = 64;
  static final long HEAP_GROWTH_BOUND = 64L << 20;
  static final String CHANNEL = "soak.healthy";
  static final Map<String, Object> ATTACKER_RIGHTS = Map.of("sub", List.of("soak.*"), "rpc", List.of("*"));

  static final KeyPair IDENTITY = identity();

  /** Every secret the run used, as the strings a careless log line could contain. */
  static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  static long heapBefore;

  @Deployment(testable = false)
  static WebArchive war() {
    Map<String, String> config = new HashMap<>(Deployments.TEST_CONFIG);
    // the limits that would answer floods instead of the frames themselves are lifted: this
    // test wants each bad frame's own answer
    config.put("rwt.limits.messages-per-second", "100000000");
    config.put("rwt.limits.max-calls", "1000000");
    // epochs of 20 s (rotating a few times in a default run): on a machine this loaded a WELCOME
    // can take over a second to arrive, and the epoch window must absorb the clock offset that
    // the delay gives the client
    config.put("rwt.rotation.interval-ms", "20000");
    config.put("rwt.heartbeat-ms", "5000");
    config.put("rwt.identity.key", "-----BEGIN PRIVATE KEY-----\\n"
        + Base64.getEncoder().encodeToString(IDENTITY.getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----");
    return Deployments.war(config, TestHandlers.class, ServerLogRecorder.class, SoakProbeServlet.class);
  }

  @ArquillianResource URL base;

  private static KeyPair identity() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(1)
  void everyBadFrameIsAnsweredWithItsCodeWhileHealthySessionsGetEveryMessageExactlyOnce() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    rememberSecrets();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tokens.add(remember(Tokens.all("fatal-" + i)));
    }
    String forged = Tokens.all("mallory").replaceAll("\\.[^.]+$", ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    Soak warmUp = new Soak(http, tokens, forged, 2 * FatalFrames.values().length, 200);
    warmUp.run();
    warmUp.assertAllAnswered();
    heapBefore = get(http, "soak/heap").transform(Long::parseLong);
    exerciseResumeAndRefresh();

    List<Healthy> healthy = new ArrayList<>();
    for (int i = 0; i < HEALTHY; i++) {
      String name = "healthy-" + i;
      healthy.add(new Healthy(name, RwtPeer.connect(base, remember(Tokens.all(name))), i % 2 == 1));
    }
    healthy.forEach(h -> SECRETS.addAll(forms(h.peer.resumeTicket().resumeKey().bytes())));
    AtomicBoolean attacking = new AtomicBoolean(true);
    ExecutorService senders = Executors.newFixedThreadPool(HEALTHY);
    List<Future<Integer>> sent = new ArrayList<>();
    for (Healthy h : healthy) {
      sent.add(senders.submit(() -> h.sendWhile(attacking)));
    }
    long started = System.nanoTime();
    Soak soak = new Soak(http, tokens, forged, FATAL, BAD_FRAMES - FATAL);
    try {
      soak.run();
    } finally {
      attacking.set(false);
    }
    long attackMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < HEALTHY; i++) {
      counts.put("healthy-" + i, sent.get(i).get(60, TimeUnit.SECONDS));
    }
    senders.shutdown();
    System.out.printf("soak: %d bad frames (%d fatal) in %d ms; healthy sent %s; %s%n", BAD_FRAMES, FATAL, attackMs,
        counts, soak.summary());
    soak.assertAllAnswered();
    for (Healthy h : healthy) {
      h.awaitEveryOtherMessageOnce(counts);
      assertNull(h.peer.failure, "healthy peer saw a bad frame from the server");
      assertFalse(h.peer.socket.isClosed(), "a healthy connection was closed");
      h.peer.socket.sendClose(1000);
      h.peer.close();
    }
  }

  @Test
  @Order(2)
  void theHeapAfterAFullGcIsBackNearWhereItWasBeforeTheSoak() throws Exception {
    assertTrue(heapBefore > 0, "the soak measured the heap first");
    long after = get(HttpClient.newHttpClient(), "soak/heap").transform(Long::parseLong);
    System.out.printf("soak: heap after full GC %d MiB before, %d MiB after%n", heapBefore >> 20, after >> 20);
    assertTrue(after - heapBefore < HEAP_GROWTH_BOUND,
        "heap grew by " + ((after - heapBefore) >> 20) + " MiB, bound " + (HEAP_GROWTH_BOUND >> 20) + " MiB");
  }

  @Test
  @Order(3)
  void theServerLoggedNoUnexpectedExceptionAndEveryRefusalAtFine() throws Exception {
    List<String> records = logRecords();
    Map<String, Long> closes = records.stream().map(r -> r.replaceAll("(?s).*? closed (\\d+ \\w+: [^0-9\n]{0,40}).*", "$1"))
        .filter(r -> r.length() < 80).collect(java.util.stream.Collectors.groupingBy(r -> r,
            java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    System.out.println("soak: server closes by code and detail " + closes);
    List<String> unexpected = records.stream()
        .filter(r -> r.startsWith("SEVERE") || r.startsWith("WARNING"))
        .filter(r -> !isContainerOwn(r))
        .limit(5).toList();
    assertEquals(List.of(), unexpected, "warnings or errors in the server log");
    assertTrue(records.stream().anyMatch(r -> r.contains("closed 4010 BAD_TOKEN")),
        "the recorder sees RWT's FINE records (so the secrets check below reads every detail)");
  }

  /**
   * Payara's HTTP and servlet layers, under a flood of connections that go away during their
   * upgrade, log exceptions from inside their own request handling: NPEs on a request already
   * recycled (in its upgrade, while headers or the method are read, when the request's end is
   * logged, when Grizzly initializes a response), an IOException when the 101 response is
   * flushed to a connection already closed. Such a record is the container's when it comes
   * from a logger that is not RWT's and the exception was not thrown in RWT's code (the first
   * frame of its stack is the container's or the JDK's socket code; RWT's origin filter may be
   * further down, passing the request on). Every record of RWT's loggers, every exception
   * thrown in RWT's code, and every record without a stack trace counts.
   */
  private static boolean isContainerOwn(String record) {
    String[] parts = record.split("[ \n]", 3);
    String logger = parts.length > 1 ? parts[1] : "";
    int firstFrame = record.indexOf("\tat ");
    String thrownIn = firstFrame < 0 ? "" : record.substring(firstFrame + 4, Math.min(record.length(), firstFrame + 80));
    return !logger.startsWith("dev.rwt") && firstFrame >= 0 && !thrownIn.startsWith("dev.rwt.");
  }

  @Test
  @Order(4)
  void noSecretTokenOrKeyAppearsInTheServerLog() throws Exception {
    String log = String.join("\n", logRecords());
    assertTrue(SECRETS.size() > 20, "secrets were collected");
    List<String> found = SECRETS.stream().filter(log::contains).limit(5).toList();
    assertEquals(List.of(), found, "secrets in the server log");
  }

  // ---- the attack ------------------------------------------------------------------------

  /** One run of bad frames: fatal ones on fresh connections, refused ones on attackers' connections. */
  final class Soak {
    private final HttpClient http;
    private final List<String> tokens;
    private final String forged;
    private final int fatal;
    private final int refused;
    private final Map<Object, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();

    Soak(HttpClient http, List<String> tokens, String forged, int fatal, int refused) {
      this.http = http;
      this.tokens = tokens;
      this.forged = forged;
      this.fatal = fatal;
      this.refused = refused;
    }

    void run() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(FATAL_WORKERS + ATTACKERS);
      // (a worker's handshake costs the server an ECDH, an ECDSA signature and a JWT check)
      List<Future<?>> jobs = new ArrayList<>();
      for (int a = 0; a < ATTACKERS; a++) {
        int share = refused / ATTACKERS + (a < refused % ATTACKERS ? 1 : 0);
        int attacker = a;
        jobs.add(pool.submit(() -> attack(attacker, share)));
      }
      AtomicInteger next = new AtomicInteger();
      for (int w = 0; w < FATAL_WORKERS; w++) {
        jobs.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < fatal; i = next.getAndIncrement()) {
            provoke(i);
          }
          return null;
        }));
      }
      for (Future<?> job : jobs) {
        job.get(15, TimeUnit.MINUTES);
      }
      pool.shutdown();
    }

    private void provoke(int i) {
      FatalFrames kind = FatalFrames.values()[i % FatalFrames.values().length];
      try {
        TestSocket.Closed closed = kind.provoke(http, base, tokens.get(i % tokens.size()), forged,
            new SplittableRandom(i));
        if (closed.code() == kind.expected.code() && kind.expected.label().equals(closed.reason())) {
          count(kind);
        } else {
          wrong.add(kind + " closed with " + closed);
        }
      } catch (Exception e) {
        wrong.add(kind + " failed: " + e);
      }
    }

    /**
     * Pipelines {@code frames} refused frames on one connection, at most {@link #IN_FLIGHT}
     * unanswered at a time: a client that runs further ahead of the server than the epoch
     * window would (rightly) have its late frames refused as expired, 4010.
     */
    private Void attack(int attacker, int frames) throws Exception {
      try (RwtPeer peer = RwtPeer.connect(base, remember(Tokens.token("attacker-" + attacker, ATTACKER_RIGHTS)))) {
        Map<Long, RefusedFrames> bySeq = new HashMap<>();
        Map<Long, RefusedFrames> byCallId = new HashMap<>();
        long deadline = System.currentTimeMillis() + 600_000;
        for (int i = 0; i < frames; i++) {
          RefusedFrames kind = RefusedFrames.values()[i % RefusedFrames.values().length];
          long id = i + 1;
          try {
            long seq = kind.send(peer, id);
            (kind.answeredByResult ? byCallId : bySeq).put(kind.answeredByResult ? id : seq, kind);
          } catch (java.util.concurrent.ExecutionException | java.io.IOException e) {
            wrong.add("attacker " + attacker + " was closed sending " + kind + " (" + peer.socket.isClosed() + ")");
            return null;
          }
          collect(peer, bySeq, byCallId, IN_FLIGHT - 1, deadline);
        }
        collect(peer, bySeq, byCallId, 0, System.currentTimeMillis() + 120_000);
        if (!bySeq.isEmpty() || !byCallId.isEmpty()) {
          wrong.add("attacker " + attacker + ": unanswered " + new java.util.TreeSet<>(bySeq.values()) + " "
              + new java.util.TreeSet<>(byCallId.values()) + " (" + (bySeq.size() + byCallId.size()) + ")");
        }
        if (peer.socket.isClosed() || peer.failure != null) {
          wrong.add("attacker " + attacker + " was closed: " + peer.failure);
        }
        peer.socket.sendClose(1000);
      }
      return null;
    }

    /** Checks answers until at most {@code left} frames are unanswered (or the deadline passes). */
    private void collect(RwtPeer peer, Map<Long, RefusedFrames> bySeq, Map<Long, RefusedFrames> byCallId, int left,
        long deadline) throws Exception {
      while (bySeq.size() + byCallId.size() > left && System.currentTimeMillis() < deadline && !peer.socket.isClosed()) {
        OpenedFrame f = peer.poll(x -> x.type() == FrameType.ERROR || x.type() == FrameType.RESULT);
        if (f == null) {
          Thread.sleep(1);
        } else {
          check(f, bySeq, byCallId);
        }
      }
    }

    private void check(OpenedFrame f, Map<Long, RefusedFrames> bySeq, Map<Long, RefusedFrames> byCallId)
        throws Exception {
      Map<?, ?> body = (Map<?, ?>) Json.parse(f.payload());
      if (f.type() == FrameType.ERROR) {
        RefusedFrames kind = bySeq.remove((Long) body.get("ref"));
        expect(kind, body.get("code"), body);
      } else {
        RefusedFrames kind = byCallId.remove((Long) body.get("id"));
        Map<?, ?> error = (Map<?, ?>) body.get("error");
        expect(kind, error == null ? null : error.get("code"), body);
      }
    }

    private void expect(RefusedFrames kind, Object code, Map<?, ?> body) {
      if (kind != null && kind.expected.wireName().equals(code)) {
        count(kind);
      } else {
        wrong.add((kind == null ? "an answer to nothing sent (or a second one)" : kind.toString()) + ": " + body);
      }
    }

    private void count(Object kind) {
      answered.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    String summary() {
      return "answered as documented: " + answered;
    }

    void assertAllAnswered() {
      assertEquals(List.of(), wrong.stream().limit(10).toList(), "bad frames not answered as documented");
      int total = answered.values().stream().mapToInt(AtomicInteger::get).sum();
      assertEquals(fatal + refused, total, summary());
    }
  }

  // ---- healthy traffic -------------------------------------------------------------------

  /** A healthy client that publishes numbered messages on the shared channel and records what it gets. */
  static final class Healthy {
    final String name;
    final RwtPeer peer;
    final boolean encrypted;
    final int channelId;
    final Map<String, List<Long>> received = new HashMap<>();

    Healthy(String name, RwtPeer peer, boolean encrypted) throws Exception {
      this.name = name;
      this.peer = peer;
      this.encrypted = encrypted;
      this.channelId = peer.subscribe(CHANNEL);
    }

    /**
     * Sends 1, 2, 3, ... every few ms while {@code running}, and at least the minimum; returns
     * the count. Like a real client it stays at most {@link #IN_FLIGHT} messages ahead of the
     * server's ACKs: on a loaded machine an unbounded sender fills the socket buffers with frames
     * that reach the server only after their epoch has passed, and are (rightly) refused 4010.
     */
    int sendWhile(AtomicBoolean running) throws Exception {
      int n = 0;
      while (running.get() || n < MIN_HEALTHY_MESSAGES) {
        while (peer.unacknowledged() >= IN_FLIGHT && !peer.socket.isClosed()) {
          Thread.sleep(5);
        }
        n++;
        SealOptions options = encrypted ? SealOptions.json().encrypted() : SealOptions.json();
        try {
          peer.send(FrameType.MESSAGE, channelId, Long.toString(n).getBytes(), options);
        } catch (java.util.concurrent.ExecutionException | java.io.IOException e) {
          throw new AssertionError(name + " was closed at message " + n + ": " + peer.socket.awaitClose()
              + " (its send epoch " + peer.session.sendEpoch() + ", clock offset " + peer.session.clockOffsetMs()
              + " ms, schedule " + peer.session.schedule() + ", epoch now " + peer.session.schedule().epochAt(
              peer.session.now()) + ", reader failure " + peer.failure + ")", e);
        }
        Thread.sleep(5);
      }
      return n;
    }

    void awaitEveryOtherMessageOnce(Map<String, Integer> sent) throws Exception {
      String self = name;
      Map<String, List<Long>> expected = new HashMap<>();
      sent.forEach((who, count) -> {
        if (!who.equals(self)) {
          List<Long> all = new ArrayList<>();
          for (long i = 1; i <= count; i++) {
            all.add(i);
          }
          expected.put(who, all);
        }
      });
      long deadline = System.currentTimeMillis() + 60_000;
      while (!received.equals(expected) && System.currentTimeMillis() < deadline) {
        OpenedFrame f = peer.poll(x -> x.type() == FrameType.MESSAGE && x.channel() == channelId);
        if (f == null) {
          Thread.sleep(20);
          continue;
        }
        received.computeIfAbsent((String) f.meta().get("from"), k -> new ArrayList<>())
            .add(Long.parseLong(RwtPeer.text(f)));
      }
      assertEquals(expected.keySet(), received.keySet(), self + " heard from");
      for (String who : expected.keySet()) {
        assertEquals(expected.get(who), received.get(who), self + " got from " + who + ", in order, once each");
      }
    }
  }

  // ---- resume and refresh, so that their secrets are in play -----------------------------

  private void exerciseResumeAndRefresh() throws Exception {
    String token = remember(Tokens.all("resumer"));
    RwtPeer first = RwtPeer.connect(base, token);
    SECRETS.addAll(forms(first.resumeTicket().resumeKey().bytes()));
    first.subscribe("soak.resume");
    RwtPeer second = RwtPeer.resume(base, token, first);
    assertTrue(second.welcome.resumed(), "the session resumed");
    SECRETS.addAll(forms(second.resumeTicket().resumeKey().bytes()));
    String renewed = remember(Tokens.token("resumer", Tokens.ALL, 7_200_000));
    second.sendJson(FrameType.REFRESH, 0, "{\"auth\":\"" + renewed + "\"}");
    second.next(FrameType.REFRESHED);
    second.socket.sendClose(1000);
    second.close();
  }

  // ---- secrets and probes ----------------------------------------------------------------

  private static void rememberSecrets() {
    SECRETS.add(Tokens.SECRET);
    SECRETS.addAll(forms(Tokens.SECRET.getBytes()));
    byte[] pkcs8 = IDENTITY.getPrivate().getEncoded();
    SECRETS.add(Base64.getEncoder().encodeToString(pkcs8).substring(0, 60));
    byte[] scalar = ((ECPrivateKey) IDENTITY.getPrivate()).getS().toByteArray();
    SECRETS.addAll(forms(java.util.Arrays.copyOfRange(scalar, scalar.length - 32, scalar.length)));
  }

  /** A token, and its signature part, as secrets. */
  private static String remember(String token) {
    SECRETS.add(token);
    SECRETS.add(token.substring(token.lastIndexOf('.') + 1));
    return token;
  }

  /** The hex, base64 and base64url forms of a secret. */
  private static List<String> forms(byte[] secret) {
    return List.of(HexFormat.of().formatHex(secret), HexFormat.of().withUpperCase().formatHex(secret),
        Base64.getEncoder().encodeToString(secret), Base64Url.encode(secret));
  }

  private String get(HttpClient http, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + path);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path);
    return r.body();
  }

  /** The server log records as "LEVEL logger thrown\nmessage...". */
  private List<String> logRecords() throws Exception {
    String log = get(HttpClient.newHttpClient(), "soak/log");
    List<String> records = new ArrayList<>();
    for (String r : log.split("(^|\n)" + SoakProbeServlet.RECORD_MARK)) {
      if (!r.isBlank()) {
        records.add(r);
      }
    }
    assertTrue(records.get(0).startsWith("DROPPED 0"), "every record was kept: " + records.get(0));
    return records.subList(1, records.size());
  }
}
