package dev.rwt.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server spent its CPU while RWT fanned out, from a JFR recording taken with
 * {@code jcmd PID JFR.start}: the hottest methods (top frame of each sample) and the share of
 * samples whose stack passes through each area (RWT's code, the WebSocket stack, cryptography,
 * ...), and RWT's own methods (the innermost RWT frame of each sample: where RWT's code, with
 * what it calls, spends). Samples of threads in Java code and in native code (socket writes)
 * both count; native samples of threads that only wait (epoll, accept) do not.
 *
 * @param title what was recorded
 * @param samples execution and native-method samples in the recording
 * @param hottest top frames with their sample counts, most first
 * @param areas share (0..1) of samples whose stack contains a frame of each area
 * @param rwtMethods innermost RWT frames with their sample counts, most first
 */
record JfrProfile(String title, long samples, List<Map.Entry<String, Long>> hottest, Map<String, Double> areas,
    List<Map.Entry<String, Long>> rwtMethods) {

  /** Native frames where a thread waits rather than works: such samples are not CPU and are left out. */
  private static final List<String> WAITING = List.of("sun.nio.ch.EPoll.wait", "sun.nio.fs.LinuxWatchService.poll",
      "sun.nio.ch.Net.poll", "sun.nio.ch.Net.accept", "sun.nio.ch.SocketDispatcher.read0",
      "sun.nio.ch.FileDispatcherImpl.read0", "java.net.PlainSocketImpl.socketAccept");

  /** Areas, by the first matching package prefix of any frame on the stack. */
  private static final Map<String, List<String>> AREAS = areaPrefixes();

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
    return m;
  }

  static JfrProfile read(String title, Path recording, int top) throws IOException {
    Map<String, Long> byMethod = new HashMap<>();
    Map<String, Long> byRwtMethod = new HashMap<>();
    Map<String, Long> byArea = new LinkedHashMap<>();
    long samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      String type = e.getEventType().getName();
      if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
        continue;
      }
      RecordedStackTrace st = e.getStackTrace();
      if (st == null || st.getFrames().isEmpty() || WAITING.contains(name(st.getFrames().get(0)))) {
        continue;
      }
      samples++;
      byMethod.merge(name(st.getFrames().get(0)), 1L, Long::sum);
      st.getFrames().stream().map(JfrProfile::name).filter(n -> n.startsWith("dev.rwt.")).findFirst()
          .ifPresent(n -> byRwtMethod.merge(n, 1L, Long::sum));
      for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
        if (st.getFrames().stream().anyMatch(f -> area.getValue().stream().anyMatch(name(f)::startsWith))) {
          byArea.merge(area.getKey(), 1L, Long::sum);
        }
      }
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    for (String area : AREAS.keySet()) {
      shares.put(area, samples == 0 ? 0 : byArea.getOrDefault(area, 0L) / (double) samples);
    }
    return new JfrProfile(title, samples, top(byMethod, top), shares, top(byRwtMethod, top));
  }

  private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
    List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
    all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    return List.copyOf(all.subList(0, Math.min(n, all.size())));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** Starts a recording of {@code pid} with JFR's profile settings. */
  static void start(long pid, Path file) throws IOException, InterruptedException {
    jcmd(pid, "JFR.start", "name=rwt-bench", "settings=profile", "filename=" + file);
  }

  /** Stops it and writes the file. */
  static void stop(long pid) throws IOException, InterruptedException {
    jcmd(pid, "JFR.stop", "name=rwt-bench");
  }

  private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
    Path java = Path.of(ServerProcess.java());
    List<String> cmd = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid)));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out);
    }
  }
}
