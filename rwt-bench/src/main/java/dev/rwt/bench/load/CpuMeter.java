package dev.rwt.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used over an interval, in cores: this JVM's (the load generator) from the platform MXBean,
 * a server's from /proc/PID/stat (summed over its processes, for a cluster). Linux only for
 * servers; NaN elsewhere.
 */
final class CpuMeter {
  /** USER_HZ: the unit of utime and stime in /proc/PID/stat on Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final long[] pids;
  private long wallStart;
  private long selfStart;
  private double serverStart;

  CpuMeter(long... pids) {
    this.pids = pids.clone();
  }

  void start() {
    wallStart = System.nanoTime();
    selfStart = selfCpuNanos();
    serverStart = serverCpuSeconds();
  }

  /** Cores this JVM used since {@link #start}. */
  double generatorCores() {
    return (selfCpuNanos() - selfStart) / (double) (System.nanoTime() - wallStart);
  }

  /** Cores the server used since {@link #start}. */
  double serverCores() {
    double now = serverCpuSeconds();
    return (now - serverStart) / ((System.nanoTime() - wallStart) / 1e9);
  }

  private static long selfCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private double serverCpuSeconds() {
    double sum = 0;
    for (long pid : pids) {
      sum += serverCpuSeconds(pid);
    }
    return sum;
  }

  /** utime + stime of a process, in seconds; NaN when /proc does not tell. */
  static double serverCpuSeconds(long pid) {
    if (pid <= 0) {
      return Double.NaN;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // the command name may contain spaces: fields are counted after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Resident set size of a process in bytes (VmRSS); NaN when /proc does not tell. */
  static double rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return Double.NaN;
  }
}
