package dev.rwt.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterReportTest {
  private static final double NAN = Double.NaN;

  private static Measurement row(String peer, String scenario, double rate, double p50, double p99) {
    return new Measurement(ClusterScenarios.SERVER, peer, scenario, 64, 200, rate, p50, p99, p99 + 1000, p99 + 2000,
        0.3, 1.0, NAN, NAN, 0);
  }

  private static final List<Measurement> ROWS = List.of(
      row(ClusterScenarios.OTHER_NODE, ClusterScenarios.SATURATED, 40_000, 30_000, 90_000),
      row(ClusterScenarios.SAME_NODE, ClusterScenarios.SATURATED, 50_000, 20_000, 60_000),
      row(ClusterScenarios.SAME_NODE, ClusterScenarios.FIXED, 20_000, 5_000, 25_000),
      row(ClusterScenarios.OTHER_NODE, ClusterScenarios.FIXED, 20_000, 9_500, 41_000));

  private static String section(List<Measurement> rows) {
    StringBuilder md = new StringBuilder();
    ClusterReport.write(md, rows);
    return md.toString();
  }

  @Test
  void givesTheOtherNodesDeliveriesAsARatioAndItsLatencyAsWhatTheHopAdds() {
    String md = section(ROWS);
    assertTrue(md.contains("| node A (same node) | 200 | 50,000 | 20.0 ms | 60.0 ms | 20 µs |"), md);
    assertTrue(md.contains("| node B (other node) | 200 | 40,000 | 30.0 ms | 90.0 ms | 25 µs |"), md);
    assertTrue(md.contains("At a fixed 100 publishes/s"), md);
    assertTrue(md.contains("| node B (other node) | 20,000 | 9.5 ms | 41.0 ms | 42.0 ms | 43.0 ms |"), md);
    assertTrue(md.contains("| deliveries/s saturated, other node / same node | 0.80x |"), md);
    assertTrue(md.contains("| added latency on the other node, p50 | +4.5 ms |"), md);
    assertTrue(md.contains("| added latency on the other node, p99 | +16.0 ms |"), md);
    assertFalse(md.contains("not a gain"), md);
  }

  @Test
  void saysANegativeAddedLatencyIsNoise() {
    List<Measurement> rows = List.of(ROWS.get(0), ROWS.get(1),
        row(ClusterScenarios.SAME_NODE, ClusterScenarios.FIXED, 20_000, 12_000, 25_000), ROWS.get(3));
    String md = section(rows);
    assertTrue(md.contains("| added latency on the other node, p50 | −2.5 ms |"), md);
    assertTrue(md.contains("not a gain"), md);
  }

  @Test
  void comparesTheSameNodeWithOnePayaraMicroWithoutABackplaneWhenThatRanToo() {
    assertFalse(section(ROWS).contains("without a backplane"));
    List<Measurement> rows = new ArrayList<>(ROWS);
    rows.add(new Measurement("Payara Micro", "RWT MAC", "fanout", 64, 200, 100_000, 1, 1, 1, 1, 1, 1, NAN, NAN, 0));
    assertTrue(section(rows).contains(
        "| deliveries/s saturated, same node / one Payara Micro without a backplane (fan-out above) | 0.50x |"), section(rows));
  }

  @Test
  void writesNothingWithoutTheClusterTarget() {
    assertEquals("", section(List.of(new Measurement("WildFly", "raw", "fanout", 64, 200, 1, 1, 1, 1, 1, 1, 1, NAN,
        NAN, 0))));
  }

  @Test
  void theFixedRateIsHalfTheLowerSaturatedRateInPublishes() {
    assertEquals(100.0, ClusterScenarios.fixedRate(ROWS.get(1), ROWS.get(0)), 1e-9);
    assertEquals(100.0, ClusterScenarios.fixedRate(ROWS.get(0), ROWS.get(1)), 1e-9);
  }
}
