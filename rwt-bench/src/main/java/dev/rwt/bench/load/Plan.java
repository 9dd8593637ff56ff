package dev.rwt.bench.load;

import java.util.List;

/**
 * How big a run is. {@code full} fits the whole suite (two servers, two Node peers) into well
 * under 15 minutes on 2 cores; {@code smoke} checks that every part works, in seconds.
 *
 * @param echoConnections closed-loop echo connections, one request in flight each
 * @param echoSizes echo payload sizes in bytes
 * @param fanoutSize fan-out payload size in bytes
 * @param subscribers fan-out group sizes
 * @param idleConnections connections opened for the heap-per-connection figure
 * @param warmupMs load before measuring, not counted
 * @param measureMs measured time of each run
 * @param variants whether to restart each server with encryption always and with batching off
 * @param profile whether to profile RWT's fan-out (async-profiler)
 * @param repeats runs behind each headline figure (saturated echo and fan-out, raw and RWT MAC,
 *     alternating): the median is reported
 */
record Plan(int echoConnections, List<Integer> echoSizes, int fanoutSize, List<Integer> subscribers,
    int idleConnections, long warmupMs, long measureMs, boolean variants, boolean profile, int repeats) {

  static Plan named(String name) {
    switch (name) {
      case "full":
        return new Plan(32, List.of(64, 1024), 64, List.of(200, 1000), 1000, 2000, 3000, true, true, 3);
      case "smoke":
        return new Plan(4, List.of(64), 64, List.of(20), 20, 500, 1000, false, false, 1);
      default:
        throw new IllegalArgumentException("no size '" + name + "': full or smoke");
    }
  }

  /** The same at a third of the time, for a fresh server's unmeasured warm-up. */
  Plan warmUp() {
    return new Plan(echoConnections, echoSizes, fanoutSize, subscribers, idleConnections, warmupMs / 3,
        Math.max(500, measureMs / 3), false, false, 1);
  }

  /**
   * The same for a fixed-rate latency run, which comes after the group has run saturated: a
   * second settles the schedule, and two thirds of a measured run suffice, so that the p99 can be
   * the median of {@link #repeats} runs in about the time of one and a half.
   */
  Plan latency() {
    return new Plan(echoConnections, echoSizes, fanoutSize, subscribers, idleConnections, Math.min(1000, warmupMs),
        Math.max(500, measureMs * 2 / 3), variants, profile, repeats);
  }

  /**
   * Publishes in flight in a saturating fan-out: two or more, so the server always has the next
   * one waiting, and about 5,000 deliveries in all: enough that every connection has several
   * frames waiting (so a server that batches can), few enough that queues stay bounded.
   */
  int window(int subscribers) {
    return Math.max(2, 5000 / subscribers);
  }
}
