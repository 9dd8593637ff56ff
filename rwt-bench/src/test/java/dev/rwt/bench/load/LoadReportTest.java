package dev.rwt.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadReportTest {
  private static final double NAN = Double.NaN;

  private static Measurement rate(String server, String peer, String scenario, int size, int conns, double rate) {
    return new Measurement(server, peer, scenario, size, conns, rate, 100, 900, 1500, 3000, 0.5, 1.0, NAN, NAN, 0);
  }

  private static Measurement idle(String server, String peer, double heapPerConn) {
    return new Measurement(server, peer, "idle", 0, 1000, NAN, NAN, NAN, NAN, NAN, NAN, NAN, heapPerConn, 4096, 0);
  }

  private static final List<Measurement> ROWS = List.of(
      rate("WildFly", "raw", "echo", 64, 32, 10_000),
      rate("WildFly", "RWT MAC", "echo", 64, 32, 9_000),
      rate("WildFly", "RWT GCM", "echo", 64, 32, 7_000),
      rate("WildFly", "raw", "fanout", 64, 200, 100_000),
      rate("WildFly", "RWT MAC", "fanout", 64, 200, 60_000),
      rate("WildFly", "raw", "fanout-half", 64, 200, 50_000),
      rate("Node 20", "Socket.IO 4", "fanout", 64, 200, 25_000),
      idle("WildFly", "raw", 8 * 1024),
      idle("WildFly", "RWT MAC", 20 * 1024));

  private static String report(Path dir) throws Exception {
    Plan plan = Plan.named("smoke");
    Path out = LoadReport.write(ROWS, List.of(), new LoadReport.Run("smoke", plan, "1 1 1", "2 2 2", 1.5, true,
        java.time.Instant.parse("2026-11-25T12:00:00Z")), dir);
    return Files.readString(out);
  }

  @Test
  void targetsCompareRatiosOfTheSameServerWithTheIssuesGoals(@TempDir Path dir) throws Exception {
    String md = report(dir);
    assertTrue(md.contains("| echo RWT MAC / raw, 64 B | WildFly | 0.90x | ≥ 0.85x | yes |"), md);
    assertTrue(md.contains("| echo RWT GCM / raw, 64 B | WildFly | 0.70x | ≥ 0.75x | **no** |"), md);
    assertTrue(md.contains("| fan-out deliveries/s RWT MAC / raw, 200 subscribers | WildFly | 0.60x | ≥ 0.70x | **no** |"),
        md);
    assertTrue(md.contains("| fan-out RWT MAC / Socket.IO 4, 200 subscribers | WildFly | 2.40x | ≥ 2.00x | yes |"), md);
    assertTrue(md.contains("| idle connection heap, RWT − raw | WildFly | 12.0 KB | ≤ 8 KB | **no** |"), md);
  }

  @Test
  void fanOutTargetsFollowTheServerAndTheHalfRateP99IsCheckedAgainstTwiceRaws(@TempDir Path dir) throws Exception {
    List<Measurement> rows = new java.util.ArrayList<>(ROWS);
    rows.add(new Measurement("WildFly", "RWT MAC", "fanout-half", 64, 200, 50_000, 300, 2_000, 3_000, 4_000, 0.5, 1.0,
        NAN, NAN, 0));
    rows.add(rate("Payara Micro", "raw", "fanout", 64, 200, 20_000));
    rows.add(rate("Payara Micro", "RWT MAC", "fanout", 64, 200, 30_000));
    Path out = LoadReport.write(rows, List.of(), new LoadReport.Run("smoke", Plan.named("smoke"), "1 1 1", "2 2 2",
        1.5, true, java.time.Instant.parse("2026-11-25T12:00:00Z")), dir);
    String md = Files.readString(out);
    assertTrue(md.contains("| fan-out p99 at half raw's rate, RWT MAC / raw, 200 subscribers | WildFly | 2.22x | ≤ 2.00x"
        + " | **no** |"), md);
    assertTrue(md.contains("| fan-out deliveries/s RWT MAC / raw, 200 subscribers | Payara Micro | 1.50x | ≥ 1.00x | yes |"),
        md);
    assertTrue(md.contains("| fan-out RWT MAC / Socket.IO 4, 200 subscribers | Payara Micro | 1.20x | — | (no target) |"),
        md);
  }

  @Test
  void gcmEchoIsComparedWithTheRawEndpointOfItsOwnServerProcessWhenTheRunMeasuredIt(@TempDir Path dir)
      throws Exception {
    List<Measurement> rows = new java.util.ArrayList<>(ROWS);
    rows.add(rate("WildFly", LoadReport.RAW_BESIDE_GCM, "echo", 64, 32, 8_000));
    Path out = LoadReport.write(rows, List.of(), new LoadReport.Run("smoke", Plan.named("smoke"), "1 1 1", "2 2 2",
        1.5, true, java.time.Instant.parse("2026-11-25T12:00:00Z")), dir);
    String md = Files.readString(out);
    assertTrue(md.contains("| echo RWT GCM / raw, 64 B | WildFly | 0.88x | ≥ 0.75x | yes |"), md);
    assertTrue(md.contains("| WildFly | RWT GCM | 64 B | 7,000 | 100 µs | 900 µs | 1.5 ms | 0.88x |"), md);
    assertTrue(md.contains("| echo RWT MAC / raw, 64 B | WildFly | 0.90x | ≥ 0.85x | yes |"), md);
  }

  @Test
  void tablesGiveAbsoluteFiguresWithTheRatioToRaw(@TempDir Path dir) throws Exception {
    String md = report(dir);
    assertTrue(md.contains("| WildFly | RWT MAC | 64 B | 9,000 | 100 µs | 900 µs | 1.5 ms | 0.90x | 111 µs |"), md);
    assertTrue(md.contains("| Node 20 | Socket.IO 4 | 200 | 25,000 | 100 µs | 900 µs | 0.25x | 40 µs |"), md);
    assertTrue(md.contains("| WildFly | RWT MAC | 1000 | 20.0 KB |"), md);
  }

  @Test
  void writesTheChartsTheReportLinks(@TempDir Path dir) throws Exception {
    String md = report(dir);
    for (String chart : List.of("echo.png", "fanout.png", "latency.png", "echo-latency.png")) {
      assertTrue(md.contains("(benchmarks/" + chart + ")"), chart);
      assertTrue(Files.size(dir.resolve("benchmarks").resolve(chart)) > 1000, chart);
    }
  }

  @Test
  void describesTheRunNotTheMomentOfTheReport(@TempDir Path dir) throws Exception {
    LoadReport.Run run = new LoadReport.Run("smoke", Plan.named("smoke"), "3.00 2.00 1.00", "4.00 3.00 2.00", 2.5,
        false, java.time.Instant.parse("2026-11-25T12:00:00Z"));
    run.save(dir);
    LoadReport.Run again = LoadReport.Run.load(dir, false);
    assertEquals(run, again);
    String md = Files.readString(LoadReport.write(ROWS, List.of(), again, dir));
    assertTrue(md.contains("- Finished: 2026-11-25T12:00:00Z after 2.5 minutes"), md);
    assertTrue(md.contains("before: 3.00 2.00 1.00; after: 4.00 3.00 2.00"), md);
  }

  @Test
  void measurementsSurviveTheirTabSeparatedForm() {
    for (Measurement m : ROWS) {
      assertEquals(m, Measurement.parse(m.toLine()));
    }
  }
}
