package dev.rwt.impl.session;

import dev.rwt.impl.config.RwtSettings;
import dev.rwt.protocol.CloseCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves sessions between nodes through a backplane that parks them ({@code rwt.backplane}, see
 * docs/cluster.md): a node that stops parks every session it holds before its clients are told
 * 1001 GOING_AWAY, and a node asked to resume a session it does not know claims it. With no
 * such backplane it does nothing, and a stopping node's sessions end with it. Thread-safe.
 */
@ApplicationScoped
public class SessionHandover {

  private static final Logger LOG = Logger.getLogger(SessionHandover.class.getName());

  @Inject RwtSettings settings;
  @Inject Sessions sessions;
  @Inject ClusterFanout fanout;
  @Inject Connections connections;

  /**
   * Before any bean of the application is destroyed (so the backplane is still open): parks
   * every session, then closes every connection 1001, so that a client that hears it finds its
   * session parked.
   */
  void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    if (!fanout.parksSessions()) {
      return;
    }
    int parked = 0;
    int failed = 0;
    for (ServerSession s : sessions.all()) {
      switch (park(s, failed == 0)) {
        case PARKED -> parked++;
        case FAILED -> failed++;
        case NOTHING -> { }
      }
    }
    int total = parked;
    int lost = failed;
    LOG.info(() -> "stopping: parked " + total + " sessions for the other nodes"
        + (lost == 0 ? "" : "; " + lost + " could not be parked and end here"));
    connections.stop();
  }

  private enum Parked { PARKED, NOTHING, FAILED }

  /** Parks {@code session}, or ends it here when it cannot be; logs the first failure. */
  private Parked park(ServerSession session, boolean firstFailure) {
    long now = sessions.now();
    SessionSnapshot snapshot = fanout.handOver(session, now);
    if (snapshot == null) {
      return Parked.NOTHING; // ended already, or never got its keys: nothing to resume
    }
    long ttl = settings.resumeTtlMs() - (now - snapshot.detachedAtMs());
    if (ttl <= 0) {
      snapshot.erase();
      sessions.end(session, CloseCode.GOING_AWAY, "EXPIRED");
      return Parked.NOTHING;
    }
    byte[] state = snapshot.encode();
    snapshot.erase();
    try {
      fanout.park(session.id(), state, ttl);
      sessions.release(session); // it lives on elsewhere: no closed event here
      return Parked.PARKED;
    } catch (IllegalStateException e) {
      LOG.log(firstFailure ? Level.WARNING : Level.FINE,
          "session " + session.id() + " could not be parked; it ends with this node", e);
      sessions.end(session, CloseCode.GOING_AWAY, "not parked");
      return Parked.FAILED;
    } finally {
      Arrays.fill(state, (byte) 0);
    }
  }

  /** The session {@code id} if another node parked it: claimed, and adopted by this node. */
  Optional<ServerSession> claim(String id) {
    Optional<byte[]> state = fanout.claim(id);
    if (state.isEmpty()) {
      return Optional.empty();
    }
    SessionSnapshot snapshot;
    try {
      snapshot = SessionSnapshot.decode(state.get());
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "ignored a malformed parked session " + id, e);
      return Optional.empty();
    } finally {
      Arrays.fill(state.get(), (byte) 0);
    }
    try {
      if (!snapshot.id().equals(id)) {
        LOG.warning(() -> "ignored a parked session stored under another id than its own: " + id);
        return Optional.empty();
      }
      ServerSession session = ServerSession.adopt(snapshot, sessions);
      if (!fanout.adopt(session, snapshot.mark(), () -> sessions.adopt(session))) {
        return Optional.empty();
      }
      LOG.fine(() -> "adopted session " + id + " from another node");
      return Optional.of(session);
    } finally {
      snapshot.erase();
    }
  }
}
