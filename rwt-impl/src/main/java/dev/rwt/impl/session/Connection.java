package dev.rwt.impl.session;

import dev.rwt.api.RwtIdentity;
import dev.rwt.api.RwtSessionOpened;
import dev.rwt.api.RwtSessionResumed;
import dev.rwt.api.spi.RwtAuthenticationException;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.limits.TokenBucket;
import dev.rwt.impl.ops.RwtMetrics;
import dev.rwt.protocol.Bodies;
import dev.rwt.protocol.CloseCode;
import dev.rwt.protocol.Direction;
import dev.rwt.protocol.ErrorCode;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Hello;
import dev.rwt.protocol.KeySchedule;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.RotationListener;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecretBytes;
import dev.rwt.protocol.ServerHandshake;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket connection from HELLO to close: runs the handshake, attaches the connection
 * to a new or resumed {@link ServerSession}, opens every incoming message and hands its frames
 * to the {@link FrameRouter}. Any protocol violation ends here, on one failure path.
 *
 * <p>Incoming messages are handled by the container's reading thread for this connection,
 * one at a time ({@code onMessage} is serialized per connection); the timer thread only reads
 * the volatile fields.
 */
public final class Connection {

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  /** Reliable frames received before an ACK is sent at once (PROTOCOL.md section 6). */
  static final int ACK_EVERY_FRAMES = 32;
  /** Longest time a received reliable frame waits for its ACK. */
  static final long ACK_WITHIN_MS = 250;
  /** How long a close waits for the frames queued before it (see Outbound#closeAfterFlush). */
  static final long FLUSH_BEFORE_CLOSE_MS = 5_000;
  /** The window in which refused frames are counted to tell a burst from a flood. */
  static final long FLOOD_WINDOW_MS = 1000;
  /** A context class loader with no application jars to scan (see {@link #sendAsync}). */
  private static final ClassLoader NOTHING_TO_CAPTURE = ClassLoader.getPlatformClassLoader();

  private final Session socket;
  private final ServerContext context;
  /** The application's class loader, for code that runs on a container thread. */
  private final ClassLoader applicationLoader = Thread.currentThread().getContextClassLoader();
  private final FrameRouter router;
  /** Where this connection waits for the timer while it owes an ACK (see {@link #countReliable}). */
  private final Set<Connection> acking;
  /** Read once: the settings do not change while the application runs. */
  private final RwtSettings settings;

  private volatile ServerSession session;
  private volatile Link link;
  private volatile long lastHeardMs;
  private volatile long lastPingMs;
  private int unackedFrames; // guarded by this
  private long firstUnackedAtMs; // guarded by this
  private volatile boolean closed;
  private final TokenBucket bucket; // reading thread
  private long refusalWindowStartMs; // reading thread
  private int refusedInWindow; // reading thread
  private final AtomicInteger callsInFlight = new AtomicInteger();

  Connection(Session socket, ServerContext context, Set<Connection> acking) {
    this.socket = socket;
    this.acking = acking;
    this.context = context;
    this.router = context.router();
    this.settings = context.settings();
    this.lastHeardMs = context.now();
    this.bucket = new TokenBucket(settings.messagesPerSecond(), lastHeardMs);
  }

  /** Handles one binary WebSocket message. */
  void received(ByteBuffer buffer) {
    if (closed) {
      return;
    }
    lastHeardMs = context.now();
    byte[] message = new byte[buffer.remaining()];
    buffer.get(message);
    try {
      if (message.length > settings.maxFrameBytes() + RwtWire.HEADER_LENGTH) {
        throw new RwtProtocolException(CloseCode.TOO_LARGE, "message of " + message.length + " bytes");
      }
      if (link == null) {
        handshake(message);
      } else if (message.length > RwtWire.OFFSET_TYPE && message[RwtWire.OFFSET_TYPE] == FrameType.HELLO.code()) {
        // a second HELLO comes unsealed, so the token check would call it forged: section 9 says 4000
        throw new RwtProtocolException(CloseCode.PROTOCOL, "second HELLO");
      } else {
        link.secure().open(message, this::route);
        ackIfDue(false);
      }
    } catch (RwtProtocolException e) {
      fail(e.closeCode(), e.getMessage());
    } catch (RwtAuthenticationException e) {
      fail(CloseCode.UNAUTHENTICATED, e.getMessage());
    } catch (ConnectionFailure e) {
      fail(e.code, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "connection " + socket.getId() + " failed", e);
      fail(CloseCode.PROTOCOL, "internal error: " + e);
    }
  }

  private void route(OpenedFrame frame) {
    if (session.takeInAndHandle(link, frame.seq(), () -> router.route(this, frame)) && frame.type().isReliable()) {
      countReliable();
    }
  }

  private synchronized void countReliable() {
    if (unackedFrames++ == 0) {
      firstUnackedAtMs = context.now();
      acking.add(this);
    }
    if (unackedFrames >= ACK_EVERY_FRAMES) {
      ackIfDue(true);
    }
  }

  /**
   * Runs the whole handshake on the first message. Its state (the ephemeral ECDH key pair, the
   * HELLO with its token, the WELCOME) is this method's alone: none of it is reachable once the
   * connection is attached, which keeps an idle connection small and the ephemeral private key
   * out of the heap for the connection's life.
   */
  private void handshake(byte[] message) throws RwtProtocolException, RwtAuthenticationException {
    ServerHandshake handshake = context.newHandshake();
    Hello hello = handshake.receiveHello(message);
    RwtIdentity identity = context.authenticator().authenticate(hello.auth());
    Long authExp = identity.expiresAt().map(i -> i.toEpochMilli()).orElse(null);
    Sessions sessions = context.sessions();
    Optional<ServerSession> previous =
        hello.resume() == null ? Optional.empty() : sessions.find(hello.resume().session());
    ServerHandshake.Accepted accepted;
    ServerSession target;
    SecretBytes previousKey = null;
    boolean resumed = previous.isPresent();
    if (resumed) {
      target = previous.get();
      if (!target.identity().id().equals(identity.id())) {
        throw new RwtProtocolException(CloseCode.RESUME_FAILED, "resume by another principal");
      }
      // the proof first: a client without the resume key must not disturb the session
      previousKey = provenKey(target, hello);
      Link old = target.link();
      if (old != null && target.detach(old, context.now())) {
        // a half-open connection still holds the session: the new one wins, and from here on
        // nothing from the old one is taken in, so lastSeq below is final
        Sessions.closeSocket(old, CloseCode.GOING_AWAY);
      }
      // the old connection's reading thread may still be handling a frame it took in: lastSeq
      // tells the client what not to send again, so that frame must be handled before anything
      // that comes after it on this connection
      target.awaitInbound();
      accepted =
          handshake.acceptResume(identity.rotationKey(), authExp, previousKey, target.lastReceivedSeq());
      target.identity(identity);
    } else {
      target = sessions.create(identity);
      accepted = handshake.accept(target.id(), identity.rotationKey(), authExp);
    }
    Outbound outbound =
        new Outbound(
            this::sendAsync,
            SocketThread.of(socket).map(Outbound.Sender::socketThread).orElse(context.sender()),
            context.closer(),
            settings.bufferBytes() + settings.maxFrameBytes(),
            settings.maxFrameBytes(),
            settings.batching());
    outbound.enqueue(accepted.welcomeBytes());
    accepted.session().setRotationListener(countingSendRotations(sessions.metrics()));
    Link newLink = new Link(socket, accepted.session(), outbound);
    this.link = newLink;
    this.session = target;
    target.attach(newLink, previousKey, accepted.session().resumeKey(), resumed ? hello.resume().lastSeq() : 0);
    if (resumed) {
      context.dispatcher().fire(new RwtSessionResumed(target));
    } else {
      context.dispatcher().fire(new RwtSessionOpened(target));
    }
  }

  /** Counts the rotations of the keys this server seals with; holds nothing of the handshake. */
  private static RotationListener countingSendRotations(RwtMetrics metrics) {
    return (direction, epoch) -> {
      if (direction == Direction.S2C) {
        metrics.rotated();
      }
    };
  }

  /** The session's resume key that HELLO's proof was made with, or RESUME_FAILED. */
  private static SecretBytes provenKey(ServerSession target, Hello hello) throws RwtProtocolException {
    RwtProtocolException failure = null;
    for (SecretBytes key : target.resumeKeys()) {
      try {
        KeySchedule.verifyResumeProof(key, hello.nonce(), hello.resume().proof());
        return key;
      } catch (RwtProtocolException e) {
        failure = e;
      }
    }
    throw failure;
  }

  /**
   * Hands one message to the container. Payara's WebSocket stack schedules a managed task on
   * every send (its idle timer), and capturing the calling thread's context for it scans the
   * context class loader's jars for providers each time; the send runs with a class loader
   * that has none, so that this costs nothing. Completions run with the application's loader.
   */
  private void sendAsync(ByteBuffer message, java.util.function.Consumer<Throwable> done) {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    thread.setContextClassLoader(NOTHING_TO_CAPTURE);
    try {
      socket.getAsyncRemote().sendBinary(message, result -> sent(result, done));
    } catch (RuntimeException e) {
      thread.setContextClassLoader(own);
      done.accept(e);
    } finally {
      thread.setContextClassLoader(own);
    }
  }

  private void sent(SendResult result, java.util.function.Consumer<Throwable> done) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(applicationLoader);
    try {
      done.accept(result.isOK() ? null : result.getException());
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** Sends an ACK when 32 reliable frames wait for one, or the oldest has waited 250 ms. */
  synchronized void ackIfDue(boolean force) {
    if (unackedFrames == 0 || session == null) {
      return;
    }
    if (force || context.now() - firstUnackedAtMs >= ACK_WITHIN_MS) {
      unackedFrames = 0;
      session.send(FrameType.ACK, 0, Bodies.u64(session.lastReceivedSeq()), SealOptions.binary());
    }
  }

  /**
   * Called by the timer while this connection owes an ACK: sends it when due, and leaves
   * {@code waiting} once nothing is owed (under this connection's lock, so that a frame
   * counted meanwhile registers again).
   */
  synchronized void ackTick(Set<Connection> waiting) {
    if (!closed) {
      ackIfDue(false);
    }
    if (unackedFrames == 0 || closed) {
      waiting.remove(this);
    }
  }

  /** Called by the timer for every connection: PINGs, the silence check, expired credentials. */
  void tick(long now) {
    Link l = link;
    if (l != null) {
      l.outbound().closeIfOverdue(now, FLUSH_BEFORE_CLOSE_MS);
    }
    if (closed || l == null) {
      return;
    }
    long heartbeat = settings.heartbeatMs();
    if (session.authExpiresAtMs() <= now) {
      fail(CloseCode.UNAUTHENTICATED, Sessions.AUTH_EXPIRED);
    } else if (now - lastHeardMs > 2 * heartbeat) {
      fail(CloseCode.HEARTBEAT, "no frame for " + (now - lastHeardMs) + " ms");
    } else if (now - lastPingMs >= heartbeat) {
      lastPingMs = now;
      session.send(FrameType.PING, 0, Bodies.u64(now), SealOptions.binary());
    }
  }

  /**
   * The one failure path: closes with {@code code}. A heartbeat timeout or going away keeps the
   * session resumable; every other violation ends it (PROTOCOL.md section 9).
   */
  void fail(CloseCode code, String detail) {
    if (closed) {
      return;
    }
    closed = true;
    LOG.fine(() -> "connection " + socket.getId() + " closed " + code.code() + " " + code.label() + ": " + detail);
    ServerSession s = session;
    Link l = link;
    context.sessions().metrics().rejected(code, detail, socket.getId(), s == null ? null : s.identity().id());
    if (s != null && l != null && (code == CloseCode.HEARTBEAT || code.keepsSessionResumable())) {
      if (s.detach(l, context.now())) {
        Sessions.closeSocket(l, code);
        return;
      }
    }
    if (s != null && l != null && s.link() == l) {
      context.sessions().end(s, code, detail);
    } else if (l != null) {
      Sessions.closeSocket(l, code);
    } else {
      closeRaw(code);
    }
  }

  /** The socket closed (by the peer, the network or us). */
  void closed(CloseReason reason) {
    boolean wasClosed = closed;
    closed = true;
    ServerSession s = session;
    Link l = link;
    if (wasClosed || s == null || l == null) {
      return;
    }
    int code = reason.getCloseCode().getCode();
    if (code == CloseCode.NORMAL.code() && s.link() == l) {
      context.sessions().end(s, CloseCode.NORMAL, "closed by the client");
    } else if (s.detach(l, context.now())) {
      l.outbound().close();
      l.secure().destroy();
    }
  }

  private void closeRaw(CloseCode code) {
    try {
      socket.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), code.label()));
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINEST, "close failed", e);
    }
  }

  /**
   * Takes a token from the connection's rate limit ({@code rwt.limits.messages-per-second},
   * burst twice that). A refused frame is answered with ERROR RATE_LIMITED and dropped; a
   * client that has more than a whole burst (twice the rate) refused within one second is
   * flooding, and is closed with 4008.
   */
  boolean takeToken(long seq) {
    long now = context.now();
    if (bucket.tryTake(now)) {
      return true;
    }
    if (now - refusalWindowStartMs >= FLOOD_WINDOW_MS) {
      refusalWindowStartMs = now;
      refusedInWindow = 0;
    }
    if (++refusedInWindow > 2 * settings.messagesPerSecond()) {
      throw new ConnectionFailure(CloseCode.RATE_LIMITED, "sustained flooding");
    }
    FrameRouter.error(session, 0, ErrorCode.RATE_LIMITED, "slow down", seq, bucket.retryAfterMs(now));
    return false;
  }

  /** RPC calls of this connection that have not answered yet. */
  AtomicInteger callsInFlight() {
    return callsInFlight;
  }

  ServerSession session() {
    return session;
  }

  Link link() {
    return link;
  }

  ServerContext context() {
    return context;
  }

  boolean isClosed() {
    return closed;
  }

  /** Thrown by the router to close the connection from inside frame handling. */
  static final class ConnectionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient CloseCode code;

    ConnectionFailure(CloseCode code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
