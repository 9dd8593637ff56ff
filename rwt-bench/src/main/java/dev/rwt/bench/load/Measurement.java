package dev.rwt.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measured row: who served it, which peer on that server, what scenario at what size.
 * Rates are per second; latencies in microseconds; memory in bytes per connection; NaN where
 * a figure does not apply. Written as one tab-separated line so a run can be reported again.
 *
 * @param server "Payara Micro", "WildFly" or "Node 20"
 * @param peer "raw", "RWT MAC", "RWT GCM", "ws", "Socket.IO 4", ...
 * @param scenario {@code echo}, {@code fanout} (saturated), {@code fanout-half} (fixed rate), {@code idle}
 * @param size payload bytes
 * @param conns echo connections, fan-out subscribers or idle connections
 * @param rate round trips/s (echo) or deliveries/s (fan-out)
 * @param generatorCores CPU the load generator used, in cores, while measuring
 * @param serverCores CPU the server process used, in cores, while measuring
 * @param errors ERROR frames, unexpected closes or stalled publishes: non-zero means suspect
 */
record Measurement(String server, String peer, String scenario, int size, int conns, double rate, double p50,
    double p99, double p999, double max, double generatorCores, double serverCores, double heapPerConn,
    double rssPerConn, long errors) {

  static final String HEADER = "server\tpeer\tscenario\tsize\tconns\trate\tp50\tp99\tp999\tmax"
      + "\tgeneratorCores\tserverCores\theapPerConn\trssPerConn\terrors";

  String toLine() {
    return String.join("\t", server, peer, scenario, Integer.toString(size), Integer.toString(conns), num(rate),
        num(p50), num(p99), num(p999), num(max), num(generatorCores), num(serverCores), num(heapPerConn),
        num(rssPerConn), Long.toString(errors));
  }

  static Measurement parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 15) {
      throw new IllegalArgumentException("not a measurement line: " + line);
    }
    return new Measurement(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), d(f[5]), d(f[6]),
        d(f[7]), d(f[8]), d(f[9]), d(f[10]), d(f[11]), d(f[12]), d(f[13]), Long.parseLong(f[14]));
  }

  static List<Measurement> parseAll(List<String> lines) {
    List<Measurement> out = new ArrayList<>();
    for (String l : lines) {
      if (!l.isBlank() && !l.equals(HEADER)) {
        out.add(parse(l));
      }
    }
    return out;
  }

  /** Server CPU per operation (delivery or round trip), in microseconds; NaN when unknown. */
  double serverMicrosPerOp() {
    return rate > 0 ? serverCores * 1e6 / rate : Double.NaN;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static double d(String s) {
    return "NaN".equals(s) ? Double.NaN : Double.parseDouble(s);
  }
}
