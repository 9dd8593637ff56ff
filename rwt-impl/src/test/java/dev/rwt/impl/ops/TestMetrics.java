package dev.rwt.impl.ops;

import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.session.ClusterFanout;
import dev.rwt.impl.session.Connections;
import dev.rwt.impl.session.Sessions;
import java.time.Clock;

/** {@link RwtMetrics} for tests outside this package: started, with no container. */
public final class TestMetrics {

  private TestMetrics() {}

  public static RwtMetrics started(RwtSettings settings, Sessions sessions, ClusterFanout fanout, Clock clock) {
    RwtMetrics metrics = new RwtMetrics();
    metrics.settings = settings;
    metrics.connections = new Connections();
    metrics.sessions = sessions;
    metrics.fanout = fanout;
    metrics.clock = clock;
    metrics.start();
    return metrics;
  }
}
