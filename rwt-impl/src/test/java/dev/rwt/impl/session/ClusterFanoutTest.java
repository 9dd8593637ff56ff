package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwt.api.RwtBackplaneStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterFanoutTest {

  private final List<RwtBackplaneStatus> statuses = new ArrayList<>();
  private final ClusterFanout fanout = TestFanouts.unopened(statuses::add);

  @Test
  void anOutageIsAnnouncedOnceAndItsEndOnce() {
    fanout.lost("reader fell behind", null);
    fanout.lost("still failing", new IllegalStateException("grid unreachable"));
    fanout.restored();
    fanout.restored();

    assertEquals(
        List.of(new RwtBackplaneStatus(false, "reader fell behind"), new RwtBackplaneStatus(true, "working again")),
        statuses);
  }

  @Test
  void aFailingObserverDoesNotStopTheReport() {
    ClusterFanout throwing = TestFanouts.unopened(s -> {
      throw new IllegalStateException("observer failed");
    });
    throwing.lost("reader fell behind", null);
    assertEquals(true, throwing.failing());
  }
}
