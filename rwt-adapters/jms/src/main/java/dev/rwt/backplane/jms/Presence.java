package dev.rwt.backplane.jms;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes heard on the topic lately. Every node sends a heartbeat every {@link #BEAT_MS}; a
 * node is a member while its last one is less than {@link #WINDOW_MS} old. This node hears its
 * own heartbeats too: when none has come back within the window, the way through the broker is
 * broken even if no call has failed yet (a client library may be retrying underneath).
 * Thread-safe.
 */
final class Presence {

  static final long BEAT_MS = 2_000;
  static final long WINDOW_MS = 10_000;

  private final String self;
  private final Clock clock;
  private final long since;
  private final Map<String, Long> heard = new ConcurrentHashMap<>();

  Presence(String self, Clock clock) {
    this.self = self;
    this.clock = clock;
    this.since = clock.millis();
  }

  void heard(String node) {
    heard.put(node, clock.millis());
  }

  /** This node and every node heard within the window, in a stable order. */
  Set<String> members() {
    long now = clock.millis();
    // a restarted node comes back under a new id: forget the old one
    heard.entrySet().removeIf(e -> !e.getKey().equals(self) && now - e.getValue() >= WINDOW_MS);
    Set<String> members = new TreeSet<>(heard.keySet());
    members.add(self);
    return members;
  }

  /** Whether this node's own heartbeats stopped coming back (never, in its first window). */
  boolean echoMissing() {
    long now = clock.millis();
    Long last = heard.get(self);
    return now - (last == null ? since : last) >= WINDOW_MS;
  }
}
