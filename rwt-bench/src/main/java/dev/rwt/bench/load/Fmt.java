package dev.rwt.bench.load;

import java.util.Locale;

/** How the report writes numbers: rates with thousands separators, µs or ms, KB. */
final class Fmt {
  private Fmt() {}

  static String rate(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
  }

  static String us(double micros) {
    if (Double.isNaN(micros)) {
      return "n/a";
    }
    return micros >= 1000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000)
        : String.format(Locale.ROOT, "%.0f µs", micros);
  }

  static String kb(double bytes) {
    return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
  }

  static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
