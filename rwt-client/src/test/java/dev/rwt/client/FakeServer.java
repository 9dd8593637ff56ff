package dev.rwt.client;

import dev.rwt.protocol.Bodies;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Hello;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecretBytes;
import dev.rwt.protocol.SecureSession;
import dev.rwt.protocol.ServerHandshake;
import dev.rwt.protocol.ServerSettings;
import dev.rwt.protocol.TokenRotator;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * An in-memory RWT server built from rwt-protocol's ServerHandshake and SecureSession, reached
 * through {@link Transport.Factory}: enough of the server's behaviour (subscriptions, relay to
 * an "echo" channel, RPC, ACKs, kept frames and resume) to drive the client without a network.
 * Server work runs on one thread; frames to clients are delivered on another, like a socket.
 */
final class FakeServer implements Transport.Factory, AutoCloseable {
  static final String GOOD = "good-token";

  final ServerSettings settings;
  final ExecutorService server = Executors.newSingleThreadExecutor();
  final ExecutorService network = Executors.newSingleThreadExecutor();
  final SecureRandom random = new SecureRandom();
  final Map<String, Session> sessions = new HashMap<>();
  final List<Pipe> pipes = new ArrayList<>();
  volatile boolean refuse;
  volatile boolean silent;
  /** WELCOME.authExp of new sessions (null: the token does not expire). */
  volatile Long authExp;
  int ackEvery = 5;

  /** Server state of one session. Touched on the server thread only. */
  static final class Session {
    final String id;
    SecretBytes resumeKey;
    long lastSentSeq;
    long lastReceivedSeq;
    final TreeMap<Long, Object[]> kept = new TreeMap<>(); // seq -> {type, channel, plaintext}
    final Map<String, Integer> subscriptions = new LinkedHashMap<>();
    final List<String> received = new ArrayList<>();
    final List<Long> receivedEpochs = new ArrayList<>();
    Pipe pipe;
    int unacked;

    Session(String id) {
      this.id = id;
    }
  }

  /** The server's clock (the real one unless a test moves time itself). */
  final LongSupplier clock;
  /** While set, a message from the client is handled but its write does not complete until {@link #release()}. */
  volatile boolean stalled;
  private final List<CompletableFuture<Void>> heldWrites = new ArrayList<>(); // guarded by itself

  FakeServer(int heartbeatMs) {
    this(heartbeatMs, System::currentTimeMillis);
  }

  FakeServer(int heartbeatMs, LongSupplier clock) {
    this.settings = new ServerSettings(TokenRotator.fixed(), 1000, null, heartbeatMs, 65536, 60_000);
    this.clock = clock;
  }

  /** Completes the writes held while stalled and stops stalling. */
  void release() {
    List<CompletableFuture<Void>> held;
    synchronized (heldWrites) {
      stalled = false;
      held = new ArrayList<>(heldWrites);
      heldWrites.clear();
    }
    held.forEach(w -> w.complete(null));
  }

  private boolean hold(CompletableFuture<Void> write) {
    synchronized (heldWrites) {
      if (stalled) {
        heldWrites.add(write);
      }
      return stalled;
    }
  }

  RwtClientBuilder client() {
    return RwtClient.builder(URI.create("ws://127.0.0.1:1/rwt")).authToken(GOOD).transportFactory(this)
        .reconnection(ReconnectionPolicy.defaults().baseDelay(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(100)));
  }

  @Override
  public CompletableFuture<Transport> open(URI uri, Transport.Listener listener, Duration timeout) {
    if (refuse) {
      return CompletableFuture.failedFuture(new java.net.ConnectException("refused"));
    }
    Pipe p = new Pipe(listener);
    run(() -> pipes.add(p));
    return CompletableFuture.completedFuture(p);
  }

  <T> T call(Callable<T> task) throws Exception {
    return server.submit(task).get(5, TimeUnit.SECONDS);
  }

  void run(Runnable task) {
    server.execute(task);
  }

  /** Drops every connection without a close frame (a network cut). */
  void cutAll() {
    run(() -> new ArrayList<>(pipes).forEach(Pipe::cut));
  }

  /** Forgets every session: the next resume gets a fresh one. */
  void forgetSessions() {
    run(sessions::clear);
  }

  /** Publishes a JSON value on a channel to every subscribed session (kept until ACKed). */
  void publish(String channel, Object value) {
    run(() -> sessions.values().forEach(s -> {
      Integer id = s.subscriptions.get(channel);
      if (id != null) {
        send(s, FrameType.MESSAGE, id, Json.write(value),
            SealOptions.json().withMeta(Map.of("from", "server", "id", "m", "ts", 1L)));
      }
    }));
  }

  List<String> received(String sessionId) throws Exception {
    return call(() -> new ArrayList<>(sessions.get(sessionId).received));
  }

  /** The epochs the client's MESSAGE frames were sealed in, in arrival order. */
  List<Long> receivedEpochs(String sessionId) throws Exception {
    return call(() -> new ArrayList<>(sessions.get(sessionId).receivedEpochs));
  }

  private void send(Session s, FrameType type, int channel, byte[] payload, SealOptions options) {
    long seq = ++s.lastSentSeq;
    Plaintext p = Plaintext.prepare(payload, options);
    if (type.isReliable()) {
      s.kept.put(seq, new Object[] {type, channel, p});
    }
    if (s.pipe != null && s.pipe.secure != null && !s.pipe.closed) {
      s.pipe.toClient(s.pipe.secure.seal(type, channel, seq, p));
    }
  }

  private void onHello(Pipe p, byte[] message) throws RwtProtocolException {
    ServerHandshake hs = ServerHandshake.builder(settings).random(random).clock(clock).build();
    Hello hello = hs.receiveHello(message);
    if (!GOOD.equals(hello.auth())) {
      p.serverClose(4001, "UNAUTHENTICATED");
      return;
    }
    Session s = hello.resume() == null ? null : sessions.get(hello.resume().session());
    ServerHandshake.Accepted a;
    if (s != null) {
      a = hs.acceptResume("", null, s.resumeKey, s.lastReceivedSeq);
      if (s.pipe != null) {
        s.pipe.cut();
      }
    } else {
      s = new Session("s" + sessions.size() + "-" + random.nextInt(1000));
      sessions.put(s.id, s);
      a = hs.accept(s.id, "", authExp);
    }
    p.session = s;
    p.secure = a.session();
    s.pipe = p;
    s.resumeKey = a.session().resumeKey();
    p.toClient(a.welcomeBytes());
    long clientHolds = hello.resume() == null ? 0 : hello.resume().lastSeq();
    s.kept.headMap(clientHolds, true).clear();
    for (Map.Entry<Long, Object[]> k : s.kept.entrySet()) {
      p.toClient(p.secure.seal((FrameType) k.getValue()[0], (int) k.getValue()[1], k.getKey(),
          (Plaintext) k.getValue()[2]));
    }
  }

  private void onFrame(Session s, OpenedFrame f) {
    if (f.type().isReliable() && ++s.unacked >= ackEvery) {
      s.unacked = 0;
      send(s, FrameType.ACK, 0, Bodies.u64(f.seq()), SealOptions.binary());
    }
    switch (f.type()) {
      case ACK -> s.kept.headMap(f.u64(), true).clear();
      case PING -> send(s, FrameType.PONG, 0, f.payload(), SealOptions.binary());
      case SUBSCRIBE -> {
        String name = (String) ((Map<?, ?>) f.json()).get("channel");
        if (name.startsWith("forbidden")) {
          send(s, FrameType.ERROR, 0, Bodies.error(dev.rwt.protocol.ErrorCode.FORBIDDEN, "no", f.seq(), null),
              SealOptions.json());
          return;
        }
        int id = s.subscriptions.computeIfAbsent(name, n -> s.subscriptions.size() + 1);
        send(s, FrameType.SUBSCRIBED, id, Json.write(Map.of("channel", name)), SealOptions.json());
      }
      case UNSUBSCRIBE -> {
        s.subscriptions.values().remove(f.channel());
        send(s, FrameType.UNSUBSCRIBED, f.channel(), Json.write(Map.of()), SealOptions.json());
      }
      case MESSAGE -> {
        s.received.add(new String(f.payload(), java.nio.charset.StandardCharsets.UTF_8));
        s.receivedEpochs.add(f.epoch());
        String name = s.subscriptions.entrySet().stream().filter(e -> e.getValue() == f.channel())
            .map(Map.Entry::getKey).findFirst().orElse(null);
        if ("echo".equals(name) || f.channel() == 0) {
          send(s, FrameType.MESSAGE, f.channel(), f.payload(), SealOptions.ofFlags(f.flags() & ~0x02 & ~0x08, null)
              .withMeta(Map.of("from", "echo", "id", "e", "ts", 2L)));
        }
      }
      case CALL -> {
        Map<?, ?> body = (Map<?, ?>) f.json();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", body.get("id"));
        switch ((String) body.get("method")) {
          case "echo" -> result.put("result", body.get("params"));
          case "never" -> {
            return;
          }
          default -> result.put("error", Map.of("code", "NO_SUCH_METHOD", "message", "no such method"));
        }
        send(s, FrameType.RESULT, 0, Json.write(result), SealOptions.json());
      }
      default -> { }
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    network.shutdownNow();
  }

  /** One connection: the client's {@link Transport} and the server's end of it. */
  final class Pipe implements Transport {
    final Transport.Listener listener;
    volatile boolean closed;
    Session session; // server thread
    SecureSession secure; // server thread

    Pipe(Transport.Listener listener) {
      this.listener = listener;
    }

    void toClient(byte[] bytes) {
      if (!silent) {
        network.execute(() -> {
          if (!closed) {
            listener.onMessage(bytes);
          }
        });
      }
    }

    void serverClose(int code, String reason) {
      if (closed) {
        return;
      }
      closed = true;
      network.execute(() -> listener.onClosed(code, reason));
      detach();
    }

    void cut() {
      serverClose(1006, "cut");
    }

    private void detach() {
      pipes.remove(this);
      if (session != null && session.pipe == this) {
        session.lastReceivedSeq = secure.lastReceivedSeq();
        session.pipe = null;
      }
    }

    @Override
    public CompletableFuture<Void> send(byte[] message) {
      CompletableFuture<Void> written = new CompletableFuture<>();
      boolean held = hold(written);
      run(() -> {
        if (!held) {
          written.complete(null);
        }
        if (closed) {
          return;
        }
        try {
          if (secure == null) {
            onHello(this, message);
          } else {
            secure.open(message, f -> onFrame(session, f));
          }
        } catch (RwtProtocolException e) {
          serverClose(e.code(), e.closeCode().label());
        }
      });
      return written;
    }

    @Override
    public void close(int code, String reason) {
      closed = true;
      run(() -> {
        detach();
        if (code == 1000 && session != null) {
          sessions.remove(session.id);
        }
      });
    }

    @Override
    public void abort() {
      closed = true;
      run(this::detach);
    }
  }
}
