package dev.rwt.war.demo;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * {@code GET /demo/token?name=alice}: a short-lived token for the dashboard page, as
 * {@code {"token", "name", "expiresAt"}}. Only with {@code rwt.demo.enabled=true} (404
 * otherwise): anyone who can reach it gets a token, which is what a local demo wants and a
 * real deployment must not have.
 */
@WebServlet("/demo/token")
public class DemoTokenServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient DemoSettings settings;
  @Inject transient DemoTokens tokens;
  @Inject transient SecureRandom random;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!settings.enabled()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String name = DemoTokens.displayName(request.getParameter("name"), "guest-" + (1000 + random.nextInt(9000)));
    Optional<DemoTokens.Minted> minted = tokens.mint(name, DemoTokens.PAGE_TTL);
    if (minted.isEmpty()) {
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "rwt.auth.jwt.secret is not set");
      return;
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("token", minted.get().token())
                .add("name", minted.get().name())
                .add("expiresAt", minted.get().expiresAt())
                .build()
                .toString());
  }
}
