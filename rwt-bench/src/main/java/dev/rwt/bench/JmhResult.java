package dev.rwt.bench;

import dev.rwt.protocol.Json;
import dev.rwt.protocol.RwtProtocolException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of JMH's JSON result file ({@code -rf json}): which benchmark with which
 * parameters, its score and error, and the run's settings. Only what the report uses.
 *
 * @param benchmark the fully qualified method, e.g. {@code dev.rwt.bench.SealBenchmark.rwt}
 * @param params the {@code @Param} values by name
 * @param score the primary metric, e.g. ops/s
 * @param error half the 99.9% confidence interval; NaN when JMH could not compute it
 * @param unit the score's unit
 * @param run JMH's own fields of the entry (JDK, VM, iterations, ...), as parsed
 */
record JmhResult(String benchmark, Map<String, String> params, double score, double error, String unit,
    Map<String, Object> run) {

  /** Parses the whole file. */
  static List<JmhResult> parseAll(String json) {
    Object root;
    try {
      root = Json.parse(json);
    } catch (RwtProtocolException e) {
      throw new IllegalArgumentException("not a JMH JSON result: " + e.getMessage(), e);
    }
    if (!(root instanceof List<?> entries)) {
      throw new IllegalArgumentException("not a JMH JSON result: the top level is not an array");
    }
    List<JmhResult> out = new ArrayList<>();
    for (Object entry : entries) {
      out.add(of(map(entry, "benchmark entry")));
    }
    return out;
  }

  /** The class's simple name, e.g. {@code SealBenchmark}. */
  String className() {
    String[] parts = benchmark.split("\\.");
    return parts.length < 2 ? "" : parts[parts.length - 2];
  }

  /** The method's name, e.g. {@code rwt}. */
  String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /** A run field as text ("" when absent), e.g. {@code run("jdkVersion")}. */
  String runField(String name) {
    Object v = run.get(name);
    return v == null ? "" : v.toString();
  }

  private static JmhResult of(Map<String, Object> entry) {
    Map<String, Object> metric = map(entry.get("primaryMetric"), "primaryMetric");
    Map<String, String> params = new java.util.LinkedHashMap<>();
    Object p = entry.get("params");
    if (p != null) {
      map(p, "params").forEach((k, v) -> params.put(k, String.valueOf(v)));
    }
    return new JmhResult(String.valueOf(entry.get("benchmark")), params, number(metric.get("score")),
        number(metric.get("scoreError")), String.valueOf(metric.get("scoreUnit")), entry);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("not a JMH JSON result: " + what + " is not an object");
    }
    return (Map<String, Object>) value;
  }

  /** JMH writes numbers, and "NaN" or "Infinity" as strings. */
  private static double number(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
