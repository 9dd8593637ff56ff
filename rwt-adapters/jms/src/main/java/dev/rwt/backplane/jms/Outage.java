package dev.rwt.backplane.jms;

import dev.rwt.api.spi.RwtBackplane;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Joins what the parts of the adapter (sending, receiving, the heartbeat's round trip) report
 * into one outage for RWT: every loss is passed on, and the backplane is restored only when
 * every part that failed works again, so one part's recovery does not end another's outage.
 * Thread-safe.
 */
final class Outage {

  static final String SEND = "send";
  static final String RECEIVE = "receive";
  static final String ECHO = "echo";

  private final RwtBackplane.Receiver receiver;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  Outage(RwtBackplane.Receiver receiver) {
    this.receiver = receiver;
  }

  void lost(String part, String what, Throwable cause) {
    failing.add(part);
    receiver.lost(what, cause);
  }

  void working(String part) {
    if (failing.remove(part) && failing.isEmpty()) {
      receiver.restored();
    }
  }

  boolean failing() {
    return !failing.isEmpty();
  }
}
