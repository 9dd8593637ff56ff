package dev.rwt.impl.session;

import dev.rwt.api.RwtBackplaneStatus;
import java.util.function.Consumer;

/** {@link ClusterFanout}s for tests outside this package: no container, no backplane open. */
public final class TestFanouts {

  private TestFanouts() {}

  /** A fan-out with no sessions, whose status events go to {@code statuses}. */
  public static ClusterFanout unopened(Consumer<RwtBackplaneStatus> statuses) {
    ClusterFanout fanout = new ClusterFanout();
    fanout.sessions = new Sessions();
    fanout.statusEvents = new RecordingEvent<>(statuses);
    return fanout;
  }
}
