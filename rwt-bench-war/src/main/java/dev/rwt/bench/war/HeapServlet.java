package dev.rwt.bench.war;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * {@code GET /bench/heap}: runs full garbage collections until the heap in use stops shrinking,
 * then answers {@code {"used": bytes}}. The load generator reads it before and after opening N
 * connections: the difference over N is the live heap one connection costs. Also the
 * orchestrator's readiness probe.
 */
@WebServlet("/bench/heap")
public class HeapServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final int MAX_ROUNDS = 6;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < MAX_ROUNDS; i++) {
      memory.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used - 64 * 1024) {
        used = Math.min(used, now);
        break;
      }
      used = now;
    }
    response.setContentType("application/json");
    response.getWriter().write("{\"used\":" + used + "}");
  }
}
