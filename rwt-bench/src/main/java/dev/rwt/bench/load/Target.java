package dev.rwt.bench.load;

import java.net.URI;

/**
 * A running server as the scenarios see it: its name in reports, its base URI (ending with
 * {@code /}), the process to measure, and the load generator's clients. {@code morePids} are
 * further processes whose CPU counts as the server's (the other nodes of a cluster).
 */
record Target(String server, URI base, long pid, Clients clients, Plan plan, long... morePids) {

  /** Live heap after full GCs (the server's {@code bench/heap}), in bytes. */
  double heapUsed() {
    String body = clients.get(base.resolve("bench/heap"));
    if (body == null) {
      return Double.NaN;
    }
    String digits = body.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? Double.NaN : Double.parseDouble(digits);
  }

  CpuMeter cpu() {
    long[] all = new long[morePids.length + 1];
    all[0] = pid;
    System.arraycopy(morePids, 0, all, 1, morePids.length);
    return new CpuMeter(all);
  }
}
