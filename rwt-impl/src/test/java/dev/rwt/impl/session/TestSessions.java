package dev.rwt.impl.session;

import dev.rwt.api.RwtSessionClosed;
import dev.rwt.impl.config.RwtSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;

/** Session services wired as the container wires them, for tests with no container. */
final class TestSessions {

  private TestSessions() {}

  /** Sessions under {@code settings} and {@code clock}, whose ending sessions go to {@code closed}. */
  static Sessions started(RwtSettings settings, Clock clock, Consumer<RwtSessionClosed> closed) {
    Sessions sessions = new Sessions();
    sessions.settings = settings;
    sessions.clock = clock;
    sessions.random = new SecureRandom();
    sessions.closedEvents = new RecordingEvent<>(closed);
    return sessions;
  }

  /**
   * Wires one node of a cluster: {@code sessions} with their handover and their fan-out (not yet
   * opened on a backplane), as each node's beans are.
   */
  static void node(Sessions sessions, SessionHandover handover, ClusterFanout fanout, RwtSettings settings) {
    sessions.handover = handover;
    fanout.sessions = sessions;
    handover.settings = settings;
    handover.sessions = sessions;
    handover.fanout = fanout;
    handover.connections = new Connections();
  }
}
