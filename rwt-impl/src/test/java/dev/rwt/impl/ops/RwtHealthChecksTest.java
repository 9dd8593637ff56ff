package dev.rwt.impl.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwt.impl.config.MapConfig;
import dev.rwt.impl.session.ClusterFanout;
import dev.rwt.impl.session.TestFanouts;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class RwtHealthChecksTest {

  private static Object data(HealthCheckResponse r, String key) {
    return r.getData().orElseThrow().get(key);
  }

  @Test
  void theEndpointIsReadyOnceDeployed() {
    HealthCheckResponse r = RwtHealthChecks.endpoint(true);
    assertEquals("rwt-endpoint", r.getName());
    assertEquals(Status.UP, r.getStatus());
    assertEquals("/rwt", data(r, "path"));
    assertEquals(Status.DOWN, RwtHealthChecks.endpoint(false).getStatus());
  }

  @Test
  void theLocalBackplaneIsAlwaysReachable() {
    HealthCheckResponse r = RwtHealthChecks.backplane("local", new ClusterFanout());
    assertEquals(Status.UP, r.getStatus());
    assertEquals("local", data(r, "type"));
  }

  @Test
  void aBackplaneThatIsNotOpenIsNotReady() {
    HealthCheckResponse r = RwtHealthChecks.backplane("hazelcast", new ClusterFanout());
    assertEquals(Status.DOWN, r.getStatus());
    assertEquals("the hazelcast backplane is not open", data(r, "error"));
  }

  @Test
  void aBackplaneThatReportedAnOutageIsNotReadyUntilItIsRestored() {
    ClusterFanout fanout = TestFanouts.unopened(status -> {});
    fanout.lost("messages between nodes", null);
    HealthCheckResponse r = RwtHealthChecks.backplane("jms", fanout);
    assertEquals(Status.DOWN, r.getStatus());
    assertEquals("the jms backplane is failing: messages between nodes may be lost", data(r, "error"));
    fanout.restored();
    assertEquals("the jms backplane is not open", data(RwtHealthChecks.backplane("jms", fanout), "error"));
  }

  @Test
  void anInvalidConfigurationIsNotReadyAndNamesTheKey() {
    assertEquals(Status.UP, RwtHealthChecks.config(new MapConfig(Map.of())).getStatus());
    HealthCheckResponse r = RwtHealthChecks.config(new MapConfig(Map.of("rwt.heartbeat-ms", "often")));
    assertEquals(Status.DOWN, r.getStatus());
    assertEquals("RWT-CONFIG: rwt.heartbeat-ms: 'often' is not a whole number", data(r, "error"));
  }

  @Test
  void aStalledTimerIsNotAlive() {
    assertEquals(Status.UP, RwtHealthChecks.timer(50).getStatus());
    assertEquals(Status.UP, RwtHealthChecks.timer(RwtHealthChecks.TIMER_STALL_MS - 1).getStatus());
    HealthCheckResponse stalled = RwtHealthChecks.timer(RwtHealthChecks.TIMER_STALL_MS);
    assertEquals(Status.DOWN, stalled.getStatus());
    assertEquals(RwtHealthChecks.TIMER_STALL_MS, data(stalled, "last-run-ms-ago"));
  }
}
