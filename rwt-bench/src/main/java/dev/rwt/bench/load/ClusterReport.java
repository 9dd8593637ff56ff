package dev.rwt.bench.load;

import static dev.rwt.bench.load.ClusterScenarios.FIXED;
import static dev.rwt.bench.load.ClusterScenarios.OTHER_NODE;
import static dev.rwt.bench.load.ClusterScenarios.SAME_NODE;
import static dev.rwt.bench.load.ClusterScenarios.SATURATED;
import static dev.rwt.bench.load.Fmt.fixed;
import static dev.rwt.bench.load.Fmt.rate;
import static dev.rwt.bench.load.Fmt.us;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The report's section on fan-out across two nodes (issue #11): the {@code cluster} target's
 * rows, and the other node's figures against the same node's: deliveries/s as a ratio,
 * latency as what the hop adds.
 */
final class ClusterReport {
  private ClusterReport() {}

  static void write(StringBuilder md, List<Measurement> rows) {
    Measurement sameSat = find(rows, SAME_NODE, SATURATED);
    Measurement otherSat = find(rows, OTHER_NODE, SATURATED);
    if (sameSat == null && otherSat == null) {
      return;
    }
    intro(md);
    saturated(md, sameSat, otherSat);
    Measurement sameFixed = find(rows, SAME_NODE, FIXED);
    Measurement otherFixed = find(rows, OTHER_NODE, FIXED);
    fixedRate(md, sameFixed, otherFixed);
    comparison(md, rows, sameSat, otherSat, sameFixed, otherFixed);
  }

  private static void intro(StringBuilder md) {
    md.append("## Fan-out across two nodes\n\n")
        .append("Two Payara Micro nodes on one data grid (Hazelcast over TCP/IP, both on 127.0.0.1), the bench WAR with\n")
        .append("the Hazelcast backplane adapter and `rwt.backplane=hazelcast` on both ([cluster.md](cluster.md)). One\n")
        .append("publisher on node A; its subscribers, one group at a time, either all on node A (\"same node\": the\n")
        .append("single-node figure, measured on the same processes in the same minutes) or all on node B (\"other node\":\n")
        .append("every delivery counted crossed the data grid). RWT MAC, 64 B payloads, as in the fan-out above; server\n")
        .append("CPU is both nodes' together, in both rows.\n\n")
        .append("Per message, whatever the number of subscribers: node A seals and sends one frame to each of its own\n")
        .append("subscribers and hands the message once to the data grid (one entry of the reliable topic, in clear,\n")
        .append("sent in batches of up to 256); node B reads it once and seals and sends one frame to each of its own.\n")
        .append("The grid carries one copy per message per node, not one per subscriber.\n\n");
  }

  private static void saturated(StringBuilder md, Measurement same, Measurement other) {
    md.append("| subscribers on | subscribers | deliveries/s, saturated | p50 | p99 | server CPU per delivery |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    for (Measurement m : present(same, other)) {
      md.append("| ").append(where(m)).append(" | ").append(m.conns()).append(" | ").append(rate(m.rate()))
          .append(" | ").append(us(m.p50())).append(" | ").append(us(m.p99())).append(" | ")
          .append(us(m.serverMicrosPerOp())).append(errors(m)).append(" |\n");
    }
  }

  private static void fixedRate(StringBuilder md, Measurement same, Measurement other) {
    List<Measurement> both = present(same, other);
    if (both.isEmpty()) {
      return;
    }
    md.append("\nAt a fixed ").append(rate(both.get(0).rate() / both.get(0).conns()))
        .append(" publishes/s, half the lower of the two saturated rates, so that both keep up and the\n")
        .append("difference is the hop, not a queue (latency from each publish's scheduled time):\n\n")
        .append("| subscribers on | deliveries/s | p50 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|---:|\n");
    for (Measurement m : both) {
      md.append("| ").append(where(m)).append(" | ").append(rate(m.rate())).append(" | ").append(us(m.p50()))
          .append(" | ").append(us(m.p99())).append(" | ").append(us(m.p999())).append(" | ").append(us(m.max()))
          .append(errors(m)).append(" |\n");
    }
  }

  private static void comparison(StringBuilder md, List<Measurement> rows, Measurement sameSat, Measurement otherSat,
      Measurement sameFixed, Measurement otherFixed) {
    md.append("\n| comparison | measured |\n|---|---:|\n");
    if (sameSat != null && otherSat != null && sameSat.rate() > 0) {
      md.append("| deliveries/s saturated, other node / same node | ")
          .append(fixed(otherSat.rate() / sameSat.rate(), 2)).append("x |\n");
    }
    boolean fixedBoth = sameFixed != null && otherFixed != null;
    if (fixedBoth) {
      md.append("| added latency on the other node, p50 | ").append(added(otherFixed.p50() - sameFixed.p50()))
          .append(" |\n| added latency on the other node, p99 | ").append(added(otherFixed.p99() - sameFixed.p99()))
          .append(" |\n");
    }
    Measurement alone = sameSat == null ? null : rows.stream().filter(m -> m.server().equals("Payara Micro")
        && m.peer().equals(LoadReport.MAC) && m.scenario().equals("fanout") && m.conns() == sameSat.conns())
        .findFirst().orElse(null);
    if (alone != null && alone.rate() > 0) {
      md.append("| deliveries/s saturated, same node / one Payara Micro without a backplane (fan-out above) | ")
          .append(fixed(sameSat.rate() / alone.rate(), 2)).append("x |\n");
    }
    if (fixedBoth && (otherFixed.p50() < sameFixed.p50() || otherFixed.p99() < sameFixed.p99())) {
      md.append("\nA negative added latency is not a gain: the hop was smaller than what the machine's other load\n")
          .append("moved the two runs apart by, in this run.\n");
    }
    md.append('\n');
  }

  private static List<Measurement> present(Measurement... ms) {
    return Arrays.stream(ms).filter(Objects::nonNull).toList();
  }

  private static String where(Measurement m) {
    return m.peer().equals(SAME_NODE) ? "node A (same node)" : "node B (other node)";
  }

  private static String added(double micros) {
    return micros < 0 ? "−" + us(-micros) : "+" + us(micros);
  }

  private static String errors(Measurement m) {
    return m.errors() > 0 ? " (" + m.errors() + " errors)" : "";
  }

  private static Measurement find(List<Measurement> rows, String peer, String scenario) {
    return rows.stream().filter(m -> m.peer().equals(peer) && m.scenario().equals(scenario)).findFirst().orElse(null);
  }
}
