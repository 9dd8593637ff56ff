package dev.rwt.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's PNG bar charts (JFreeChart), one series per peer. */
final class Charts {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 520;

  private Charts() {}

  /**
   * A bar chart of {@code value} for the rows {@code which} selects, grouped by {@code category}
   * and coloured by {@code series}. Returns false (and writes nothing) when no row matches.
   */
  static boolean bars(Path png, String title, String axis, List<Measurement> rows, Predicate<Measurement> which,
      Function<Measurement, String> category, Function<Measurement, String> series, ToDoubleFunction<Measurement> value)
      throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Measurement m : rows) {
      double v = value.applyAsDouble(m);
      if (which.test(m) && !Double.isNaN(v)) {
        data.addValue(v, series.apply(m), category.apply(m));
      }
    }
    if (data.getRowCount() == 0) {
      return false;
    }
    JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, true, false,
        false);
    chart.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelLines(3);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    return true;
  }
}
