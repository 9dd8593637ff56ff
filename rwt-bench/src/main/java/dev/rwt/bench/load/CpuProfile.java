package dev.rwt.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a server spent its CPU while RWT fanned out, from async-profiler (Maven Central,
 * {@code tools.profiler:async-profiler}) loaded into the running server with
 * {@code jcmd PID JVMTI.agent_load}: CPU samples of every thread, in Java, in the JVM (the JIT
 * compiler, the garbage collector) and in the kernel (system calls, TCP), every millisecond of
 * CPU time. Unlike a JFR recording it instruments nothing, so the code it watches runs as it
 * would without it.
 *
 * <p>Reported: the share of samples whose stack passes through each area (RWT's code, the
 * WebSocket stack, cryptography, the kernel, ...), the hottest frames (top frame of each
 * sample), and RWT's own methods (the innermost RWT frame of each sample: where RWT's code,
 * with what it calls, spends).
 *
 * @param title what was recorded
 * @param samples CPU samples in the recording
 * @param hottest top frames with their sample counts, most first
 * @param areas share (0..1) of samples whose stack contains a frame of each area
 * @param rwtMethods innermost RWT frames with their sample counts, most first
 */
record CpuProfile(String title, long samples, List<Map.Entry<String, Long>> hottest, Map<String, Double> areas,
    List<Map.Entry<String, Long>> rwtMethods) {

  /** Areas, by the first matching prefix (Java frames) or marker (JVM and kernel frames) on the stack. */
  private static final Map<String, List<String>> AREAS = areaPrefixes();
  private static final String KERNEL = "_[k]";

  private static Map<String, List<String>> areaPrefixes() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("RWT (dev.rwt)", List.of("dev.rwt."));
    m.put("cryptography (JCE)", List.of("com.sun.crypto.", "javax.crypto.", "sun.security."));
    m.put("Tyrus (Payara's WebSocket)", List.of("org.glassfish.tyrus."));
    m.put("Grizzly (Payara's I/O)", List.of("org.glassfish.grizzly."));
    m.put("Undertow/XNIO (WildFly)", List.of("io.undertow.", "org.xnio."));
    m.put("CDI (Weld)", List.of("org.jboss.weld."));
    m.put("JSON-B/JSON-P", List.of("org.eclipse.yasson.", "org.eclipse.parsson.", "org.glassfish.json."));
    m.put("managed executors", List.of("org.glassfish.enterprise.concurrent.", "org.jboss.as.ee.concurrent.",
        "org.wildfly.extension.requestcontroller."));
    m.put("kernel (system calls, TCP)", List.of(KERNEL));
    m.put("JIT compiler", List.of("CompileBroker::"));
    m.put("garbage collector", List.of("G1", "GangWorker::", "ConcurrentGCThread::"));
    return m;
  }

  /** The agent for this machine, copied out of the async-profiler jar into {@code dir}; empty if it has none. */
  static Optional<Path> agent(Path dir) throws IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    String platform = !os.contains("linux") ? null
        : arch.equals("amd64") || arch.equals("x86_64") ? "linux-x64"
        : arch.equals("aarch64") ? "linux-arm64" : null;
    if (platform == null) {
      return Optional.empty();
    }
    try (InputStream in = CpuProfile.class.getClassLoader().getResourceAsStream(platform + "/libasyncProfiler.so")) {
      if (in == null) {
        return Optional.empty();
      }
      Path lib = dir.resolve("libasyncProfiler.so");
      Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(lib);
    }
  }

  /** Starts sampling {@code pid}'s CPU time every millisecond (perf events, or a CPU-time timer where those are not allowed). */
  static void start(Path agent, long pid) throws IOException, InterruptedException {
    try {
      load(agent, pid, "start,event=cpu,interval=1000000");
    } catch (IOException e) {
      load(agent, pid, "start,event=itimer,interval=1000000");
    }
  }

  /** Stops sampling and writes the samples to {@code file} (collapsed stacks). */
  static void stop(Path agent, long pid, Path file) throws IOException, InterruptedException {
    load(agent, pid, "stop,collapsed,file=" + file.toAbsolutePath());
  }

  private static void load(Path agent, long pid, String options) throws IOException, InterruptedException {
    Path java = Path.of(ServerProcess.java());
    // jcmd splits its arguments at '=' and ',' unless the options are quoted
    Process p = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid), "JVMTI.agent_load",
        agent.toString(), "\"" + options + "\"").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0 || out.contains("[ERROR]") || !out.contains("return code: 0")) {
      throw new IOException("async-profiler " + options + " failed: " + out.trim());
    }
  }

  /** Reads a collapsed-stacks file: one line per distinct stack, frames root first, then the sample count. */
  static CpuProfile read(String title, Path collapsed, int top) throws IOException {
    Map<String, Long> byFrame = new HashMap<>();
    Map<String, Long> byRwtMethod = new HashMap<>();
    Map<String, Long> byArea = new LinkedHashMap<>();
    long samples = 0;
    for (String line : Files.readAllLines(collapsed, StandardCharsets.UTF_8)) {
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      long n = Long.parseLong(line.substring(space + 1).trim());
      String[] frames = line.substring(0, space).split(";");
      for (int i = 0; i < frames.length; i++) {
        frames[i] = frames[i].replace('/', '.');
      }
      samples += n;
      byFrame.merge(frames[frames.length - 1], n, Long::sum);
      for (int i = frames.length - 1; i >= 0; i--) {
        if (frames[i].startsWith("dev.rwt.") && !frames[i].contains("$$Lambda")) {
          byRwtMethod.merge(frames[i], n, Long::sum);
          break;
        }
      }
      Set<String> areas = new HashSet<>();
      for (String f : frames) {
        for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
          if (area.getValue().stream().anyMatch(p -> p.equals(KERNEL) ? f.endsWith(KERNEL) : f.startsWith(p))) {
            areas.add(area.getKey());
          }
        }
      }
      areas.forEach(a -> byArea.merge(a, n, Long::sum));
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    for (String area : AREAS.keySet()) {
      shares.put(area, samples == 0 ? 0 : byArea.getOrDefault(area, 0L) / (double) samples);
    }
    return new CpuProfile(title, samples, top(byFrame, top), shares, top(byRwtMethod, top));
  }

  private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
    List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
    all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    return List.copyOf(all.subList(0, Math.min(n, all.size())));
  }
}
