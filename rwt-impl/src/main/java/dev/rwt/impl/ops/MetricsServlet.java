package dev.rwt.impl.ops;

import dev.rwt.impl.config.RwtSettings;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /rwt/metrics}: RWT's meters for a Prometheus scrape, in the OpenMetrics format when
 * the scraper asks for it ({@code Accept: application/openmetrics-text}), else the Prometheus
 * text format. With {@code rwt.metrics.enabled=false} it answers 404.
 */
@WebServlet(urlPatterns = MetricsServlet.PATH)
public class MetricsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  public static final String PATH = "/rwt/metrics";

  @Inject transient RwtMetrics metrics;
  @Inject transient RwtSettings settings;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!settings.metricsEnabled()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String accept = request.getHeader("Accept");
    String type = accept != null && accept.contains("application/openmetrics-text")
        ? OpenMetricsTextFormatWriter.CONTENT_TYPE
        : PrometheusTextFormatWriter.CONTENT_TYPE;
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-store");
    metrics.scrape(response.getOutputStream(), type);
  }
}
