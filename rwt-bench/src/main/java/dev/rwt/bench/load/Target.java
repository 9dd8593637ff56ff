package dev.rwt.bench.load;

import java.net.URI;

/**
 * A running server as the scenarios see it: its name in reports, its base URI (ending with
 * {@code /}), the process to measure, and the load generator's clients.
 */
record Target(String server, URI base, long pid, Clients clients, Plan plan) {

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
    return new CpuMeter(pid);
  }
}
