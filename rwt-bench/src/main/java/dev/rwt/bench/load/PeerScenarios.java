package dev.rwt.bench.load;

import java.util.function.Consumer;

/** What the suite runs on a Node peer: echo at each size, saturated fan-out per group size, idle heap. */
final class PeerScenarios {
  private PeerScenarios() {}

  static void run(Target t, Dialect d, Consumer<Measurement> out) throws Exception {
    EchoScenario echo = new EchoScenario(t);
    for (int size : t.plan().echoSizes()) {
      report(out, echo.run(d, size, () -> 0));
    }
    for (int s : t.plan().subscribers()) {
      try (FanoutGroup g = new FanoutGroup(t, d, s)) {
        report(out, g.saturate(d, () -> 0));
      }
    }
    report(out, new IdleScenario(t).run(d));
  }

  private static void report(Consumer<Measurement> out, Measurement m) {
    System.out.println(LoadReport.oneLine(m));
    out.accept(m);
  }
}
