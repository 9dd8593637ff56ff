package dev.rwt.client;

import dev.rwt.protocol.ClientHandshake;
import dev.rwt.protocol.ResumeTicket;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.SecureSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's session state machine: connect, handshake, drop, reconnect with resume, end
 * (the lifecycle of {@link ConnectionState}). What happens to frames is delegated to
 * {@link Outbox} and {@link Inbound}; what happens at WELCOME to {@link SessionStart};
 * periodic work to {@link Heartbeat}.
 *
 * <p><b>Locking.</b> One monitor, {@link #lock}, guards every piece of session state here and
 * in the collaborators (delivery, channels, queued sends, refs, stats). It is held only for
 * short, non-blocking work: opening a frame, sealing and queueing one. Listener callbacks never
 * run under it (they are queued on {@link Listeners}), and internal futures completed under it
 * only have internal dependents; futures handed to the application complete on
 * {@link #completions}.
 */
final class ClientCore {
  final Object lock = new Object();
  final ClientConfig config;
  final Listeners events;
  final ScheduledExecutorService timers;
  final Executor completions;
  final Transport.Factory transports;
  final DeliveryState delivery;
  final ChannelRegistry channels = new ChannelRegistry();
  final CallRegistry calls;
  final Stats stats = new Stats();
  final Outbox outbox;
  final Inbound inbound;
  final Heartbeat heartbeat;
  final SessionStart start;

  ConnectionState state = ConnectionState.IDLE;
  Connection connection;
  Connection connecting;
  SessionInfo session;
  AckScheduler acks;
  int attempt;
  RwtException lastError;
  private ScheduledFuture<?> reconnectTimer;
  private CompletableFuture<Void> ready;
  private final List<CompletableFuture<Void>> closeWaiters = new ArrayList<>();

  ClientCore(ClientConfig config, Listeners events, ScheduledExecutorService timers, Executor completions,
      Transport.Factory transports) {
    this.config = config;
    this.events = events;
    this.timers = timers;
    this.completions = completions;
    this.transports = transports;
    this.delivery = new DeliveryState(config.maxBufferedBytes());
    this.calls = new CallRegistry(timers);
    this.outbox = new Outbox(this);
    this.inbound = new Inbound(this);
    this.heartbeat = new Heartbeat(this);
    this.start = new SessionStart(this);
    config.channels().forEach(n -> channels.want(n, null));
  }

  long now() {
    return config.clock().getAsLong();
  }

  // ---- connect -------------------------------------------------------------------------

  /** Internal future: completes when OPEN, fails when this connect gives up. */
  CompletableFuture<Void> connect() {
    synchronized (lock) {
      if (state == ConnectionState.OPEN) {
        return CompletableFuture.completedFuture(null);
      }
      if (ready != null && (state == ConnectionState.CONNECTING || state == ConnectionState.RECONNECTING)) {
        return ready;
      }
      if (state == ConnectionState.CLOSING) {
        return CompletableFuture.failedFuture(Failures.disconnected("connect"));
      }
      if (config.insecureTransport()) {
        events.emit(RwtEvents.SECURITY_WARNING, new RwtEvents.SecurityWarning("INSECURE_TRANSPORT",
            "endpoint is ws:// (no TLS) to a host that is not loopback; use wss://"));
      }
      if (!config.encryptPayloads()) {
        events.emit(RwtEvents.SECURITY_WARNING, new RwtEvents.SecurityWarning("ENCRYPTION_DISABLED",
            "payloads are authenticated but not encrypted"));
      }
      state = ConnectionState.CONNECTING;
      attempt = 0;
      lastError = null;
      ready = new CompletableFuture<>();
      CompletableFuture<Void> r = ready;
      establish(false).whenComplete((v, e) -> {
        if (e != null) {
          synchronized (lock) {
            if (state == ConnectionState.CONNECTING) {
              state = ConnectionState.IDLE;
            }
            failReady(Failures.wrap(e, "connect"));
          }
        }
      });
      return r;
    }
  }

  /** Gets a token, opens a socket and runs the handshake; completes once OPEN. */
  private CompletableFuture<Void> establish(boolean reconnecting) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletionStage<String> token;
    try {
      token = config.tokenSource().get();
    } catch (RuntimeException e) {
      token = CompletableFuture.failedFuture(e);
    }
    token.whenComplete((auth, e) -> {
      if (e != null || auth == null) {
        done.completeExceptionally(new RwtAuthenticationException("no application token: " + e, "UNAUTHENTICATED",
            "connect", null, null, null, e));
      } else {
        open(auth, reconnecting).handshakeDone.whenComplete((v, f) -> {
          if (f != null) {
            done.completeExceptionally(f);
          } else {
            done.complete(null);
          }
        });
      }
    });
    return done;
  }

  private Connection open(String auth, boolean reconnecting) {
    ResumeTicket ticket = null;
    Connection c;
    synchronized (lock) {
      if (reconnecting && config.reconnection().preserveSession() && session != null && session.resumable(now())) {
        ticket = session.ticket(delivery.lastReceived());
      }
      ClientHandshake hs = ClientHandshake.builder(auth).rotationKey(config.rotationKey())
          .clientName(config.clientName()).resume(ticket).pin(config.pin()).random(config.random())
          .clock(config.clock()).registry(config.registry()).build();
      c = new Connection(this, hs, ticket != null);
      connecting = c;
    }
    long timeoutMs = config.connectTimeout().toMillis();
    ScheduledFuture<?> timeout = timers.schedule(() -> c.failHandshake(new RwtTimeoutException(
        "no WELCOME within " + timeoutMs + " ms", "TIMEOUT", "connect"), 0), timeoutMs, TimeUnit.MILLISECONDS);
    c.handshakeDone.whenComplete((v, e) -> timeout.cancel(false));
    transports.open(config.endpoint(), c, config.connectTimeout()).whenComplete((t, e) -> {
      if (e != null) {
        c.failHandshake(Failures.connectFailed(e), 0);
      } else {
        c.opened(t);
      }
    });
    return c;
  }

  /** The first message of a connection (WELCOME) or any later one. Runs on the socket's thread. */
  void onMessage(Connection c, byte[] message) {
    if (c.session() == null) {
      start.onWelcome(c, message);
      return;
    }
    synchronized (lock) {
      if (c != connection || c.isClosed()) {
        return;
      }
      c.lastHeardMs = now();
      try {
        c.session().open(message, f -> inbound.handle(c, f));
      } catch (RwtProtocolException e) {
        fail(c, e.code(), e.closeCode().label(), Failures.violation(e));
      }
    }
  }

  void onViolation(Connection c, RwtException error) {
    synchronized (lock) {
      if (c.session() == null) {
        c.failHandshake(error, error.closeCode());
      } else if (c == connection) {
        fail(c, error.closeCode(), error.code(), error);
      }
    }
  }

  /** Called by {@link SessionStart} under the lock once the connection is ready. */
  void opened(Connection c, boolean resumed) {
    boolean reconnect = state == ConnectionState.RECONNECTING;
    int attemptWas = attempt;
    connection = c;
    connecting = null;
    state = ConnectionState.OPEN;
    attempt = 0;
    stats.connectedAtMs = now();
    stats.resumed = resumed;
    RwtEvents.ConnectInfo info = connectInfo();
    if (reconnect) {
      stats.reconnects++;
      events.emit(RwtEvents.RECONNECT, new RwtEvents.ReconnectInfo(attemptWas, true, info, null));
    } else {
      events.emit(RwtEvents.CONNECT, info);
    }
    channels.pendingNames().forEach(outbox::requestSubscribe);
    outbox.drainQueued();
    heartbeat.start(c);
    CompletableFuture<Void> r = ready;
    ready = null;
    if (r != null) {
      completions.execute(() -> r.complete(null));
    }
  }

  RwtEvents.ConnectInfo connectInfo() {
    SessionInfo s = session;
    return new RwtEvents.ConnectInfo(s.id, stats.resumed, stats.continuityLost, s.welcome.heartbeatMs(),
        s.welcome.maxFrameBytes(), s.authExp, s.fingerprint, s.welcome.pattern(), s.welcome.intervalMs());
  }

  // ---- drops and ends --------------------------------------------------------------------

  /** The transport reported the end of a socket. */
  void onSocketClosed(Connection c, int code, String reason) {
    synchronized (lock) {
      if (c.session() == null || c == connecting) {
        c.failHandshake(Failures.handshakeClose(code, reason), 0);
        return;
      }
      if (!c.markClosed()) {
        return;
      }
      closed(c, code, reason, null, false);
    }
  }

  /** A failure we detected on an open connection: close it with {@code code}. Under the lock. */
  void fail(Connection c, int code, String reason, RwtException error) {
    if (c != connection || c.isClosed()) {
      return;
    }
    c.closeSocket(code, reason);
    closed(c, code, reason, error, true);
  }

  private void closed(Connection c, int code, String reason, RwtException error, boolean byClient) {
    if (c != connection) {
      return;
    }
    connection = null;
    heartbeat.stop();
    if (session != null) {
      session.droppedAtMs = now();
    }
    if (state == ConnectionState.CLOSING) {
      end(null, code, reason, true);
      return;
    }
    RwtException fatal = null;
    boolean heartbeatClose = code == 4002;
    if (code == 1000) {
      fatal = error != null ? error : Failures.sessionClose(code, reason);
    } else if (byClient && error != null && !heartbeatClose) {
      fatal = error;
    } else if (!byClient && code >= 4000 && code <= 4011 && !heartbeatClose) {
      fatal = Failures.sessionClose(code, reason);
    } else if (!config.reconnection().isEnabled()) {
      fatal = new RwtConnectionException("connection lost (" + code + ")", "CONNECTION_LOST", "session",
          Failures.closeDetails(code, reason), code, null, error);
    }
    if (fatal != null) {
      end(fatal, code, reason, false);
      return;
    }
    state = ConnectionState.RECONNECTING;
    events.emit(RwtEvents.DISCONNECT, new RwtEvents.DisconnectInfo(code, reason, true, false, error));
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    attempt++;
    if (attempt > config.reconnection().maxAttempts()) {
      end(new RwtConnectionException("gave up after " + config.reconnection().maxAttempts()
          + " reconnection attempts", "RECONNECT_FAILED", "reconnect"), 1006, "", false);
      return;
    }
    long delay = config.reconnection().delay(attempt, config.random()::nextDouble).toMillis();
    reconnectTimer = timers.schedule(this::attemptReconnect, delay, TimeUnit.MILLISECONDS);
  }

  private void attemptReconnect() {
    synchronized (lock) {
      reconnectTimer = null;
      if (state != ConnectionState.RECONNECTING) {
        return;
      }
    }
    establish(true).whenComplete((v, e) -> {
      if (e != null) {
        reconnectFailed(Failures.wrap(e, "reconnect"));
      }
    });
  }

  private void reconnectFailed(RwtException error) {
    synchronized (lock) {
      if (state != ConnectionState.RECONNECTING) {
        return;
      }
      events.emit(RwtEvents.RECONNECT, new RwtEvents.ReconnectInfo(attempt, false, null, error));
      if (error instanceof RwtAuthenticationException || error instanceof RwtEncryptionException) {
        end(error, error.closeCode() == null ? 1000 : error.closeCode(), error.code(), false);
        return;
      }
      if ("RESUME_FAILED".equals(error.code()) && session != null) {
        session.forgetResumeKey();
      }
      events.emit(RwtEvents.ERROR, error);
      scheduleReconnect();
    }
  }

  /** Ends the client's session: everything pending fails, state CLOSED. Under the lock. */
  void end(RwtException error, int code, String reason, boolean intentional) {
    ConnectionState was = state;
    state = ConnectionState.CLOSED;
    lastError = error;
    heartbeat.stop();
    if (reconnectTimer != null) {
      reconnectTimer.cancel(false);
      reconnectTimer = null;
    }
    if (connecting != null) {
      connecting.failHandshake(Failures.disconnected("connect"), 1000);
      connecting = null;
    }
    RwtException failure = error != null ? error
        : new RwtDisconnectedException("the client disconnected", "CLOSED", "disconnect");
    calls.failAll(failure);
    channels.failAll(failure);
    outbox.failAll(failure);
    delivery.reset();
    if (session != null) {
      session.destroy();
      session = null;
    }
    failReady(failure);
    if (was != ConnectionState.CLOSED) {
      events.emit(RwtEvents.DISCONNECT, new RwtEvents.DisconnectInfo(code, reason, false, intentional, error));
    }
    if (error != null) {
      events.emit(RwtEvents.ERROR, error);
    }
    List<CompletableFuture<Void>> waiters = new ArrayList<>(closeWaiters);
    closeWaiters.clear();
    waiters.forEach(w -> completions.execute(() -> w.complete(null)));
  }

  private void failReady(RwtException error) {
    CompletableFuture<Void> r = ready;
    ready = null;
    if (r != null) {
      completions.execute(() -> r.completeExceptionally(error));
    }
  }

  // ---- disconnect ------------------------------------------------------------------------

  /** Internal future completing once the client is CLOSED. */
  CompletableFuture<Void> disconnect(boolean waitForPending, int code, String reason, long waitMs) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (lock) {
      if (state == ConnectionState.IDLE || state == ConnectionState.CLOSED) {
        return CompletableFuture.completedFuture(null);
      }
      closeWaiters.add(done);
      if (state != ConnectionState.CLOSING) {
        if (waitForPending) {
          awaitDrained(now() + waitMs, code, reason);
        } else {
          closeNow(code, reason);
        }
      }
    }
    return done;
  }

  private void awaitDrained(long deadline, int code, String reason) {
    boolean drained = outbox.queuedCount() == 0 && delivery.keptCount() == 0 && calls.size() == 0;
    if (drained || now() >= deadline || state == ConnectionState.CLOSED) {
      closeNow(code, reason);
      return;
    }
    timers.schedule(() -> {
      synchronized (lock) {
        if (state != ConnectionState.CLOSING && state != ConnectionState.CLOSED) {
          awaitDrained(deadline, code, reason);
        }
      }
    }, 20, TimeUnit.MILLISECONDS);
  }

  private void closeNow(int code, String reason) {
    if (state == ConnectionState.CLOSED || state == ConnectionState.CLOSING) {
      return;
    }
    Connection c = connection;
    if (c != null && acks != null && !c.isClosed()) {
      acks.flush();
    }
    state = ConnectionState.CLOSING;
    connection = null;
    if (c != null) {
      c.closeSocket(code, reason);
    }
    end(null, code, reason, true);
  }
}
