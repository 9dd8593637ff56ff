package dev.rwt.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load suite at its smoke size on a real Payara Micro with the bench WAR (random port):
 * every scenario runs against the raw endpoint and RWT, without errors, and the report and
 * its charts are written. Measures nothing worth reading; proves the suite works.
 */
class LoadSmokeIT {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

  @Test
  void smokeRunMeasuresRawAndRwtOnPayaraMicroAndWritesTheReport() throws Exception {
    Path work = Path.of(System.getProperty("rwt.bench.work", "target/smoke"));
    Path docs = work.resolve("docs");
    LoadSuite.Outcome out = LoadSuite.run(Map.of("size", "smoke", "targets", "payara", "ports", "random",
        "war", System.getProperty("rwt.bench.war"), "payara", System.getProperty("payara.microJar"),
        "work", work.toString(), "docs", docs.toString()));

    List<Measurement> rows = out.results();
    for (String peer : List.of("raw", "RWT MAC")) {
      for (String scenario : List.of("echo", "fanout", "fanout-half")) {
        Measurement m = find(rows, peer, scenario);
        assertTrue(m.rate() > 0, peer + " " + scenario + " measured nothing: " + m);
        assertTrue(m.p99() >= m.p50(), m.toString());
      }
      // a handful of connections is within the heap probe's noise: only that it measured is checked
      assertTrue(Double.isFinite(find(rows, peer, "idle").heapPerConn()), peer + " idle heap not measured");
    }
    assertTrue(find(rows, "RWT GCM", "fanout").rate() > 0);
    assertTrue(find(rows, "RWT MAC RPC", "echo").rate() > 0);
    for (Measurement m : rows) {
      assertEquals(0, m.errors(), "errors in " + m);
    }

    String md = Files.readString(out.report());
    assertTrue(md.contains("## Where RWT stands"), md);
    assertTrue(md.contains("| Payara Micro | RWT MAC | 64 B |"), md);
    for (String chart : List.of("echo.png", "fanout.png", "latency.png")) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(docs.resolve("benchmarks").resolve(chart)), 4);
      assertArrayEquals(PNG_SIGNATURE, head, chart + " is not a PNG");
    }
    assertEquals(rows.size(), Measurement.parseAll(Files.readAllLines(work.resolve(LoadSuite.RESULTS))).size());
  }

  private static Measurement find(List<Measurement> rows, String peer, String scenario) {
    return rows.stream().filter(m -> m.peer().equals(peer) && m.scenario().equals(scenario)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + peer + " " + scenario + " in " + rows));
  }
}
