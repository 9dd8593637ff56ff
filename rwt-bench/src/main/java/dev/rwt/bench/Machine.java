package dev.rwt.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

/**
 * What the report says about the machine that ran the benchmarks and how busy it was. The
 * suite records it beside the JSON result ({@link #sidecarOf}) so that regenerating the
 * report later still describes the run, not the machine of the moment.
 *
 * @param cpus processors available to the JVM
 * @param cpuModel the CPU's name from /proc/cpuinfo, or "" when unknown
 * @param loadBefore the 1, 5 and 15 minute load averages when the run started, or ""
 * @param loadAfter the same when it ended, or ""
 * @param finished when the run ended
 */
public record Machine(int cpus, String cpuModel, String loadBefore, String loadAfter, Instant finished) {

  /** This machine now, with {@code loadBefore} taken earlier. */
  public static Machine now(String loadBefore) {
    return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), loadBefore, loadAverage(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The 1/5/15-minute load averages, or "" where /proc/loadavg does not exist. */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f.length < 3 ? "" : f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "";
    }
  }

  static Path sidecarOf(Path jmhJson) {
    return jmhJson.resolveSibling("jmh-machine.properties");
  }

  void write(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("cpus", Integer.toString(cpus));
    p.setProperty("cpuModel", cpuModel);
    p.setProperty("loadBefore", loadBefore);
    p.setProperty("loadAfter", loadAfter);
    p.setProperty("finished", finished.toString());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "machine of the JMH run beside this file");
    }
  }

  /** The recorded facts, or this machine now (run end = the file's time) when there are none. */
  static Machine readOrNow(Path sidecar, Path jmhJson) throws IOException {
    if (!Files.exists(sidecar)) {
      Machine now = now("");
      return new Machine(now.cpus, now.cpuModel, "", "", Files.getLastModifiedTime(jmhJson).toInstant()
          .truncatedTo(ChronoUnit.SECONDS));
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return new Machine(Integer.parseInt(p.getProperty("cpus", "0")), p.getProperty("cpuModel", ""),
        p.getProperty("loadBefore", ""), p.getProperty("loadAfter", ""), Instant.parse(p.getProperty("finished")));
  }

  private static String readCpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
    } catch (IOException e) {
      return "";
    }
  }
}
