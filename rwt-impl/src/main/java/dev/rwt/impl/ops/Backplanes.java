package dev.rwt.impl.ops;

import dev.rwt.impl.session.ClusterFanout;

/**
 * What RWT knows of the backplane that {@code rwt.backplane} names: {@code local} (one node,
 * nothing to reach) always works; an adapter works while it is open and reports no outage.
 */
final class Backplanes {

  private Backplanes() {}

  static boolean reachable(String type, ClusterFanout fanout) {
    return "local".equals(type) || (fanout.clustered() && !fanout.failing());
  }

  /** Why the backplane is not reachable, or null when it is. */
  static String problem(String type, ClusterFanout fanout) {
    if (reachable(type, fanout)) {
      return null;
    }
    return fanout.failing() ? "the " + type + " backplane is failing: messages between nodes may be lost"
        : "the " + type + " backplane is not open";
  }
}
