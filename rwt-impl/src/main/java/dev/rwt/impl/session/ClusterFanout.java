package dev.rwt.impl.session;

import dev.rwt.api.RwtBackplaneStatus;
import dev.rwt.api.spi.RwtBackplane;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.protocol.ErrorCode;
import dev.rwt.protocol.Plaintext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes channel messages to the other nodes through the {@link RwtBackplane} that
 * {@code rwt.backplane} selects, and delivers what the other nodes publish to the subscribers on
 * this one. With {@code local} there is none: {@link #publish} does nothing, and no adapter class
 * is touched. Thread-safe.
 */
@ApplicationScoped
public class ClusterFanout implements RwtBackplane.Receiver {

  private static final Logger LOG = Logger.getLogger(ClusterFanout.class.getName());
  static final String LOCAL = "local";
  /** The ERROR message subscribers get when the backplane reports an outage. */
  static final String LOST_BETWEEN_NODES = "messages from other nodes may have been lost (backplane outage)";

  @Inject RwtSettings settings;
  @Inject Sessions sessions;
  @Inject Event<RwtBackplaneStatus> statusEvents;
  @Inject @Any Instance<RwtBackplane> adapters;

  /** This application on this node: messages carrying it came back from the backplane. */
  private final String origin = UUID.randomUUID().toString();
  /** How long adopting a session may wait for this node to read the backplane's log up to where it stood. */
  static final long CATCH_UP_MS = 10_000;

  private final AtomicBoolean failing = new AtomicBoolean();
  private final LogCursor cursor = new LogCursor();
  private volatile RwtBackplane backplane;
  /** Whether the backplane keeps a log to replay a moving session's messages from. */
  private volatile boolean logged;
  long catchUpMs = CATCH_UP_MS; // shorter in tests

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Optional<RwtBackplane> selected = select(settings.backplane(), adapters);
    if (selected.isEmpty()) {
      return;
    }
    RwtBackplane chosen = selected.get();
    open(chosen);
    LOG.info(() -> "rwt.backplane=" + settings.backplane() + ": node " + chosen.nodeId()
        + " of " + chosen.members().size() + " " + chosen.members());
  }

  /** Opens {@code chosen} and carries traffic through it from now on. */
  void open(RwtBackplane chosen) {
    chosen.open(this);
    logged = chosen.replays(); // an adapter may know only once open
    backplane = chosen;
  }

  /**
   * The adapter {@code name} names, or none for {@code local}.
   *
   * @throws IllegalStateException when no adapter of that name is deployed
   */
  static Optional<RwtBackplane> select(String name, Instance<RwtBackplane> adapters) {
    if (LOCAL.equals(name)) {
      return Optional.empty();
    }
    Instance<RwtBackplane> named = adapters.select(NamedLiteral.of(name));
    if (!named.isResolvable()) {
      throw new IllegalStateException(RwtSettings.BACKPLANE + "=" + name + " but no backplane adapter named " + name
          + " is deployed (add the jar rwt-backplane-" + name + " to the application)");
    }
    return Optional.of(named.get());
  }

  @PreDestroy
  void stop() {
    RwtBackplane b = backplane;
    backplane = null;
    if (b != null) {
      b.close();
    }
  }

  /** Whether messages leave this node. */
  public boolean clustered() {
    return backplane != null;
  }

  /** Whether the backplane reported an outage that has not ended ({@link #lost}, then {@link #restored}). */
  public boolean failing() {
    return failing.get();
  }

  /** Whether the backplane keeps the sessions of a stopping node for the others. */
  boolean parksSessions() {
    RwtBackplane b = backplane;
    return b != null && b.parksSessions();
  }

  /**
   * Parks a session's state in the backplane for {@code ttlMs}.
   *
   * @throws IllegalStateException when it could not be stored
   */
  void park(String sessionId, byte[] state, long ttlMs) {
    RwtBackplane b = backplane;
    if (b == null || !b.parksSessions()) {
      throw new IllegalStateException("no backplane parks sessions");
    }
    try {
      b.park(sessionId, state, ttlMs);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the backplane could not park a session", e);
    }
  }

  /** The state another node parked under {@code sessionId}, taken out of the backplane. */
  Optional<byte[]> claim(String sessionId) {
    RwtBackplane b = backplane;
    if (b == null || !b.parksSessions()) {
      return Optional.empty();
    }
    try {
      return b.claim(sessionId);
    } catch (RuntimeException e) {
      lost("a parked session could not be looked up", e);
      return Optional.empty();
    }
  }

  /**
   * Runs {@code local}, a publish's delivery to the subscribers on this node, then sends the
   * message to every other node. With a backplane that keeps a log, both happen at one place in
   * it for a session moving to or from this node ({@link LogCursor}).
   */
  void publish(String channel, byte[] payload, boolean json, boolean encrypted, Map<String, Object> meta,
      Runnable local) {
    RwtBackplane b = backplane;
    if (b == null) {
      local.run();
    } else if (!logged) {
      local.run();
      send(b, channel, new RelayedMessage(origin, 0, channel, meta, payload, json, encrypted));
    } else {
      cursor.publish(local, serial ->
          send(b, channel, new RelayedMessage(origin, serial, channel, meta, payload, json, encrypted)));
    }
  }

  private void send(RwtBackplane b, String channel, RelayedMessage m) {
    try {
      b.publish(channel, m.encode());
    } catch (RuntimeException e) {
      lost("a message on " + channel + " was not handed to the backplane", e);
    }
  }

  /**
   * For a move to another node: {@link ServerSession#handOver} of {@code session}, with where it
   * then stood in the backplane's log when the backplane keeps one (no publish under way here,
   * no message being read). Null as {@code handOver} returns it.
   */
  SessionSnapshot handOver(ServerSession session, long nowMs) {
    if (!logged) {
      return session.handOver(nowMs);
    }
    return cursor.still(() -> {
      SessionSnapshot s = session.handOver(nowMs);
      return s == null ? null : s.at(new SessionSnapshot.LogMark(origin, cursor.serial(), cursor.position()));
    });
  }

  /**
   * Takes in a session another node handed over at {@code mark}: replays to it, from the
   * backplane's log, what was published after the mark (minus what its old node had already
   * delivered to it, and only on its channels), then {@code register}s it as one of this node's
   * subscribers, so that live traffic follows the replay with nothing missed or repeated.
   *
   * @return false, with the session ended, when that cannot be done: the mark has left the log,
   *     the log cannot be read, or this node could not catch up with it in time
   */
  boolean adopt(ServerSession session, SessionSnapshot.LogMark mark, BooleanSupplier register) {
    RwtBackplane b = backplane;
    if (!mark.replayable()) {
      return register.getAsBoolean(); // the old node's backplane kept no log: nothing to replay
    }
    if (b == null || !logged) {
      return refuse(session, "this node's backplane keeps no log to replay from", null);
    }
    try {
      return cursor.caughtUp(mark.position(), catchUpMs, () -> {
        try {
          b.replay(mark.position(), cursor.position(), bytes -> replay(session, mark, bytes));
        } catch (RuntimeException e) {
          return refuse(session, "the messages published while it moved are no longer in the backplane's log", e);
        }
        if (session.state() == ServerSession.State.ENDED) {
          return refuse(session, "the messages published while it moved overflowed its buffer", null);
        }
        return register.getAsBoolean();
      });
    } catch (TimeoutException e) {
      return refuse(session, "this node did not catch up with the backplane in " + catchUpMs + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refuse(session, "interrupted", e);
    }
  }

  private void replay(ServerSession session, SessionSnapshot.LogMark mark, byte[] bytes) {
    RelayedMessage m;
    try {
      m = RelayedMessage.decode(bytes);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "ignored a malformed message from the backplane's log", e);
      return;
    }
    if (!mark.delivered(m) && session.subscriptionId(m.channel()).isPresent()) {
      if (session.deliver(m.channel(), sessions.message(m.payload(), m.json(), m.meta(), m.encrypted()))) {
        sessions.delivered(m.channel(), m.meta(), 1);
      }
    }
  }

  private static boolean refuse(ServerSession session, String why, Throwable cause) {
    session.markEnded();
    LOG.log(Level.INFO, "session " + session.id() + " moved here from another node, but " + why
        + ": it ends, and its client starts a new session (continuity lost)", cause);
    return false;
  }

  @Override
  public void receive(byte[] bytes) {
    receive(bytes, -1);
  }

  @Override
  public void receive(byte[] bytes, long position) {
    RelayedMessage m;
    try {
      m = RelayedMessage.decode(bytes);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "ignored a malformed message from the backplane", e);
      return;
    }
    if (origin.equals(m.origin())) {
      cursor.readOwn(position, m.serial());
      return;
    }
    cursor.read(position, () -> {
      Plaintext message = sessions.message(m.payload(), m.json(), m.meta(), m.encrypted());
      sessions.fanOut(m.channel(), message, m.meta(), null);
    });
  }

  @Override
  public void startsAfter(long position) {
    cursor.startsAfter(position);
  }

  @Override
  public void lost(String what, Throwable cause) {
    if (failing.compareAndSet(false, true)) {
      LOG.log(Level.SEVERE, "backplane failing, messages between nodes may be lost: " + what, cause);
      tellSubscribers();
      fire(new RwtBackplaneStatus(false, what));
    } else {
      LOG.log(Level.FINE, what, cause);
    }
  }

  private void fire(RwtBackplaneStatus status) {
    try {
      statusEvents.fire(status);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an observer of RwtBackplaneStatus failed", e);
    }
  }

  /**
   * Never a silent loss: every subscription on this node hears, once per outage, that messages
   * from other nodes may be missing (a non-fatal ERROR INTERNAL on the subscription's channel).
   */
  private void tellSubscribers() {
    for (ServerSession s : sessions.all()) {
      for (String channel : s.subscribedChannels()) {
        s.subscriptionId(channel).ifPresent(sid ->
            FrameRouter.error(s, sid, ErrorCode.INTERNAL, LOST_BETWEEN_NODES, -1));
      }
    }
  }

  @Override
  public void restored() {
    if (failing.compareAndSet(true, false)) {
      LOG.warning("backplane working again");
      fire(new RwtBackplaneStatus(true, "working again"));
    }
  }
}
