package dev.rwt.war.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns samples into alerts on the way up only: a figure that crosses its high mark raises one
 * alert, and can raise another only after it has fallen below its low mark again (so a value
 * hovering at the mark does not flood the alerts channel). Not thread-safe: one caller, the
 * publisher's task.
 */
final class Thresholds {

  static final double HEAP_HIGH = 0.85;
  static final double HEAP_LOW = 0.70;
  static final double CPU_HIGH = 0.90;
  static final double CPU_LOW = 0.60;

  record Crossing(String level, String title, String detail) {}

  private boolean heapHigh;
  private boolean cpuHigh;

  List<Crossing> check(DashboardPublisher.Metrics m) {
    List<Crossing> crossings = new ArrayList<>(2);
    double heap = m.heapMax() > 0 ? (double) m.heapUsed() / m.heapMax() : 0;
    if (!heapHigh && heap >= HEAP_HIGH) {
      heapHigh = true;
      crossings.add(new Crossing("critical", "Heap above " + percent(HEAP_HIGH), percent(heap) + " of max heap in use"));
    } else if (heapHigh && heap < HEAP_LOW) {
      heapHigh = false;
      crossings.add(new Crossing("info", "Heap back to normal", percent(heap) + " of max heap in use"));
    }
    if (!cpuHigh && m.cpu() >= CPU_HIGH) {
      cpuHigh = true;
      crossings.add(new Crossing("warning", "Process CPU above " + percent(CPU_HIGH), percent(m.cpu()) + " CPU load"));
    } else if (cpuHigh && m.cpu() >= 0 && m.cpu() < CPU_LOW) {
      cpuHigh = false;
      crossings.add(new Crossing("info", "CPU back to normal", percent(m.cpu()) + " CPU load"));
    }
    return crossings;
  }

  private static String percent(double fraction) {
    return Math.round(fraction * 100) + " %";
  }
}
