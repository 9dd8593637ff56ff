package dev.rwt.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark jar's entry point: runs the JMH suite at a size that fits a 2-core machine in
 * a few minutes, then writes docs/benchmarks-crypto.md from the JSON result.
 *
 * <pre>
 * java -jar rwt-bench/target/benchmarks.jar [JMH options]
 * </pre>
 *
 * <p>JMH options on the command line take precedence over the defaults
 * ({@code -f 1 -wi 4 -w 2s -i 3 -r 1s}, every benchmark of this package, JSON result in
 * rwt-bench/target/jmh.json).
 */
public final class BenchSuite {
  static final String DEFAULT_RESULT = "rwt-bench/target/jmh.json";
  static final String REPORT = "docs/benchmarks-crypto.md";

  private BenchSuite() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cmd = new CommandLineOptions(args);
    if (cmd.shouldHelp()) {
      cmd.showHelp();
      return;
    }
    Path root = projectRoot();
    Path json = Path.of(cmd.getResult().orElse(root.resolve(DEFAULT_RESULT).toString()));
    Files.createDirectories(json.toAbsolutePath().getParent());
    String loadBefore = Machine.loadAverage();

    new Runner(withDefaults(cmd, json)).run();

    Machine.now(loadBefore).write(Machine.sidecarOf(json));
    Path report = root.resolve(REPORT);
    BenchmarkReport.write(json, report);
    System.out.println("wrote " + report);
  }

  private static org.openjdk.jmh.runner.options.Options withDefaults(CommandLineOptions cmd, Path json) {
    // values set on the builder win over its parent, so set only what the command line left open
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd).resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    if (cmd.getIncludes().isEmpty()) {
      b.include("dev\\.rwt\\.bench\\..*Benchmark\\.");
    }
    if (!cmd.getForkCount().hasValue()) {
      b.forks(1);
    }
    if (!cmd.getWarmupIterations().hasValue()) {
      b.warmupIterations(4);
    }
    if (!cmd.getMeasurementIterations().hasValue()) {
      b.measurementIterations(3);
    }
    if (!cmd.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.seconds(2));
    }
    if (!cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.seconds(1));
    }
    return b.build();
  }

  /**
   * The repository root: three levels above the jar (or classes folder) in
   * rwt-bench/target/, or the working directory when the code runs from elsewhere.
   */
  static Path projectRoot() {
    try {
      Path code = Path.of(BenchSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = code.getParent() == null ? null : code.getParent().getParent();
      root = root == null ? null : root.getParent();
      if (root != null && Files.isDirectory(root.resolve("docs")) && Files.isRegularFile(root.resolve("pom.xml"))) {
        return root;
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code source (unusual class loader): fall back to the working directory
    }
    return Path.of("").toAbsolutePath();
  }
}
