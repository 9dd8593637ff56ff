package dev.rwt.impl.session;

import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.ops.RwtMetrics;
import dev.rwt.protocol.CloseCode;
import dev.rwt.protocol.RwtWire;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open WebSocket connection, and the one timer that serves them all (ACKs due, PINGs,
 * silence checks, resume expiry): no thread or task per connection. The endpoint calls in
 * here for every container callback. Thread-safe.
 */
@ApplicationScoped
public class Connections {

  private static final Logger LOG = Logger.getLogger(Connections.class.getName());
  /** Timer resolution for ACKs that are due: well under the 250 ms ACK deadline. */
  static final long TICK_MS = 50;
  /** Every connection is checked (PINGs, silence, expired credentials) every this many ticks. */
  static final int CHECK_EVERY_TICKS = 5;
  /** Detached sessions are checked for expiry every this many ticks (resume TTLs are seconds). */
  static final int EXPIRE_EVERY_TICKS = 20;

  @Inject RwtSettings settings;
  @Inject ServerContext context;
  @Inject Sessions sessions;
  @Inject RwtMetrics metrics;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  /**
   * Every open connection by its socket. Kept here rather than in the socket's user properties,
   * where the first entry would allocate a table of its own for every connection.
   */
  private final Map<Session, Connection> open = new ConcurrentHashMap<>();
  /** Connections holding received reliable frames not yet acknowledged: the only ones each tick visits. */
  private final Set<Connection> acking = ConcurrentHashMap.newKeySet();
  private ScheduledFuture<?> timer;
  private int ticks; // timer thread

  @PostConstruct
  void start() {
    timer = scheduler.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  /** Server shutdown: every client is told 1001 GOING_AWAY, so that it resumes elsewhere. */
  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.cancel(false);
    }
    for (Connection c : open.values()) {
      c.fail(CloseCode.GOING_AWAY, "server shutting down");
    }
  }

  /**
   * This bean's instance rather than its client proxy, with the beans it hands to connections
   * resolved the same way: every frame passes through them, and each call through a Weld client
   * proxy is a reflective one. They are application-scoped, live as long as the application, and
   * no interceptor or decorator applies to them, so a direct call differs from a proxied one only
   * in cost. It comes wrapped because Weld answers a call that returns the instance itself with
   * the proxy.
   */
  public Supplier<Connections> direct() {
    context = context.direct().get();
    return () -> this;
  }

  private void tick() {
    // the ACKs and PINGs a tick sends leave from the send pool, not from the timer's thread
    Outbound.fanOut(this::check);
  }

  private void check() {
    try {
      long now = context.now();
      for (Connection c : acking) {
        c.ackTick(acking);
      }
      ticks++;
      if (ticks % CHECK_EVERY_TICKS == 0) {
        for (Connection c : open.values()) {
          c.tick(now);
        }
      }
      if (ticks % EXPIRE_EVERY_TICKS == 0) {
        sessions.expire();
      }
      metrics.ticked(now);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "timer tick failed", e);
    }
  }

  public void opened(Session socket) {
    // the container caps messages a little above ours, so that we can answer 4009 ourselves
    socket.setMaxBinaryMessageBufferSize(settings.maxFrameBytes() + RwtWire.HEADER_LENGTH + 1);
    socket.setMaxTextMessageBufferSize(1024);
    metrics.connectionOpened();
    if (!RwtWire.SUBPROTOCOL.equals(socket.getNegotiatedSubprotocol())) {
      metrics.rejected(CloseCode.PROTOCOL, "no " + RwtWire.SUBPROTOCOL + " subprotocol", socket.getId(), null);
      close(socket, CloseCode.PROTOCOL);
      return;
    }
    open.put(socket, new Connection(socket, context, acking));
  }

  public void received(Session socket, ByteBuffer message) {
    Connection c = connection(socket);
    if (c != null) {
      c.received(message);
    }
  }

  /** RWT/1 is binary only: a text message is a protocol error. */
  public void textReceived(Session socket) {
    Connection c = connection(socket);
    if (c != null) {
      c.fail(CloseCode.PROTOCOL, "text message");
    } else {
      close(socket, CloseCode.PROTOCOL);
    }
  }

  public void closed(Session socket, CloseReason reason) {
    metrics.connectionClosed();
    Connection c = open.remove(socket);
    if (c != null) {
      acking.remove(c);
      c.closed(reason);
    }
  }

  public void failed(Session socket, Throwable error) {
    LOG.log(Level.FINE, "connection " + socket.getId() + " failed", error);
  }

  public int openCount() {
    return open.size();
  }

  private Connection connection(Session socket) {
    return open.get(socket);
  }

  private static void close(Session socket, CloseCode code) {
    try {
      socket.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), code.label()));
    } catch (IOException e) {
      LOG.log(Level.FINEST, "close failed", e);
    }
  }
}
