package dev.rwt.war;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;

/**
 * Test-only endpoints of the soak deployment: {@code GET /soak/heap} runs full GCs and answers
 * the heap in use (bytes); {@code GET /soak/log} answers every recorded log record, each
 * starting with a line {@code ### LEVEL logger thrown?}.
 */
@WebServlet("/soak/*")
public class SoakProbeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String RECORD_MARK = "### ";

  @Inject transient ServerLogRecorder recorder;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    PrintWriter out = response.getWriter();
    if ("/heap".equals(request.getPathInfo())) {
      out.print(usedHeapAfterGc());
    } else if ("/log".equals(request.getPathInfo())) {
      out.println(RECORD_MARK + "DROPPED " + recorder.dropped());
      for (ServerLogRecorder.Entry e : recorder.entries()) {
        out.println(RECORD_MARK + e.level() + " " + e.logger() + " " + e.thrown());
        out.println(e.text());
      }
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
