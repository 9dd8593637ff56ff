package dev.rwt.impl.endpoint;

import dev.rwt.impl.config.RwtSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Refuses WebSocket upgrades from browser pages of other sites (cross-site WebSocket
 * hijacking) with HTTP 403, before any RWT frame is read. With {@code rwt.origins} unset only
 * same-origin pages pass; {@code *} lets every origin in; otherwise the Origin must be one of
 * the listed ones exactly (e.g. {@code https://app.example.com}). Requests without an Origin
 * header do not come from a browser page and pass.
 */
@WebFilter(urlPatterns = "/rwt", asyncSupported = true)
public class OriginFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(OriginFilter.class.getName());

  @Inject transient RwtSettings settings;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String origin = request.getHeader("Origin");
    if (origin != null && !allowed(origin, request.getHeader("Host"), settings.origins())) {
      LOG.fine(() -> "refused a WebSocket upgrade from origin " + origin);
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean allowed(String origin, String host, List<String> allowedOrigins) {
    if (allowedOrigins.contains("*")) {
      return true;
    }
    if (!allowedOrigins.isEmpty()) {
      return allowedOrigins.stream().anyMatch(a -> a.equalsIgnoreCase(origin));
    }
    return host != null && host.equalsIgnoreCase(authority(origin));
  }

  private static String authority(String origin) {
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority == null ? "" : authority.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
