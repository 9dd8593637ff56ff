package dev.rwt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
  private static final Machine MACHINE =
      new Machine(2, "Test CPU", "1.00 0.50 0.25", "1.50 0.75 0.30", Instant.parse("2026-11-25T12:00:00Z"));

  private static List<JmhResult> sample() throws IOException {
    try (InputStream in = BenchmarkReportTest.class.getResourceAsStream("/jmh-sample.json")) {
      return JmhResult.parseAll(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void readsBenchmarkParamsScoreAndErrorOfEachEntry() throws IOException {
    JmhResult first = sample().get(0);
    assertEquals("SealBenchmark", first.className());
    assertEquals("rwt", first.method());
    assertEquals("MAC", first.params().get("protection"));
    assertEquals("64", first.params().get("size"));
    assertEquals(400_000.0, first.score());
    assertEquals(20_000.0, first.error());
    assertEquals("ops/s", first.unit());
    assertEquals("17.0.15", first.runField("jdkVersion"));
  }

  @Test
  void nanErrorWrittenAsStringIsNaN() throws IOException {
    assertTrue(Double.isNaN(sample().get(1).error()));
    assertEquals(1_000_000.0, sample().get(1).score());
  }

  @Test
  void pairsRwtWithItsFloorAndSkipsOtherBenchmarks() throws IOException {
    List<BenchmarkReport.Row> rows = BenchmarkReport.rows(sample());
    assertEquals(2, rows.size());
    BenchmarkReport.Row seal = rows.get(0);
    assertEquals("seal", seal.operation());
    assertEquals(Protection.MAC, seal.protection());
    assertEquals(64, seal.size());
    assertEquals(0.4, seal.ratio(), 1e-12);
    assertEquals(1.5, seal.addedMicros(), 1e-9);
    BenchmarkReport.Row open = rows.get(1);
    assertEquals("open", open.operation());
    assertNull(open.floor());
    assertTrue(Double.isNaN(open.ratio()));
  }

  @Test
  void markdownHasOneTableLinePerRowWithRatio() throws IOException {
    List<JmhResult> results = sample();
    String md = BenchmarkReport.markdown(BenchmarkReport.rows(results), results, MACHINE);
    assertTrue(md.contains("| seal MAC | 64 B | 400,000 ± 5.0% | 1,000,000 | 0.40 | 1.50 µs |\n"), md);
    assertTrue(md.contains("| open ENC | 64 KiB | 9,000 ± 10.0% | n/a | n/a | n/a |\n"), md);
    assertTrue(md.contains("- CPUs: 2 x Test CPU\n"), md);
    assertTrue(md.contains("- JDK: 17.0.15, OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1\n"), md);
    assertTrue(md.contains("before the run: 1.00 0.50 0.25; after: 1.50 0.75 0.30"), md);
    assertTrue(md.contains("java -jar rwt-bench/target/benchmarks.jar"), md);
  }

  @Test
  void rejectsAFileThatIsNotAJmhResult() {
    assertThrows(IllegalArgumentException.class, () -> JmhResult.parseAll("{\"benchmark\": 1}"));
    assertThrows(IllegalArgumentException.class, () -> JmhResult.parseAll("not json"));
  }

  @Test
  void sizesAreWrittenInBytesOrKibibytes() {
    assertEquals("64 B", BenchmarkReport.size(64));
    assertEquals("1 KiB", BenchmarkReport.size(1024));
    assertEquals("64 KiB", BenchmarkReport.size(65536));
  }
}
