package dev.rwt.war.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo dashboard in real headless Chromium: the WAR with the demo on runs on Payara Micro,
 * and {@code rwt-js/test-browser/dashboard.mjs} (Node + playwright-core + Debian's chromium)
 * opens it in two tabs. The screenshot it takes is {@code rwt-war/target/dashboard.png}; its
 * output is {@code rwt-war/target/dashboard-browser.log}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardBrowserIT {

  private static final long SCRIPT_LIMIT_SECONDS = 240;

  @Deployment(testable = false)
  static WebArchive war() {
    return DemoWar.withConfig(
        Map.of(
            "rwt.demo.enabled", "true",
            "rwt.auth.jwt.secret", DemoWar.SECRET,
            // a rotation a second, so that the page counts some within the test
            "rwt.rotation.pattern", "fixed",
            "rwt.rotation.interval-ms", "1000",
            "rwt.session.resume-ttl-ms", "30000"));
  }

  @ArquillianResource URL base;

  @Test
  void tokenEndpointMintsATokenForTheRequestedName() throws Exception {
    HttpResponse<String> response = DemoWar.get(base, "demo/token?name=alice");
    assertEquals(200, response.statusCode());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    assertTrue(response.body().contains("\"name\":\"alice\""), response.body());
    assertTrue(response.body().matches(".*\"token\":\"[\\w-]+\\.[\\w-]+\\.[\\w-]+\".*"), response.body());
  }

  @Test
  void tokenEndpointReplacesAnUnusableNameWithAGuestName() throws Exception {
    HttpResponse<String> response = DemoWar.get(base, "demo/token?name=%3Cscript%3E");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().matches(".*\"name\":\"guest-\\d{4}\".*"), response.body());
  }

  @Test
  void clientBundleIsServedAsAJavaScriptModule() throws Exception {
    HttpResponse<String> response = DemoWar.get(base, "rwt-client.js");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("javascript"));
    assertTrue(response.body().contains("class RWTClient"), "the bundle holds the client");
    assertEquals(200, DemoWar.get(base, "rwt-js/rwt-client.d.ts").statusCode());
  }

  @Test
  void dashboardWorksInHeadlessChromium() throws Exception {
    Path js = Path.of(System.getProperty("rwt.js.dir"));
    Path target = Path.of(System.getProperty("rwt.test.tmpdir"));
    Path chromium = Path.of(System.getProperty("rwt.browser.executable", "/usr/bin/chromium"));
    requireFile(chromium, "Chromium (Debian: apt-get install chromium; .ci/run installs it)");
    requireFile(js.resolve("node_modules/playwright-core/package.json"), "playwright-core (mvn verify in rwt-js runs npm ci)");
    Path log = target.resolve("dashboard-browser.log");
    Path screenshot = target.resolve("dashboard.png");
    Files.deleteIfExists(screenshot);

    ProcessBuilder node =
        new ProcessBuilder(
                List.of(
                    "node",
                    js.resolve("test-browser/dashboard.mjs").toString(),
                    DemoWar.root(base),
                    "--screenshot", screenshot.toString(),
                    "--profile", target.resolve("chromium-profile").toString(),
                    "--chromium", chromium.toString(),
                    "--timeout-ms", Long.toString((SCRIPT_LIMIT_SECONDS - 20) * 1000)))
            .directory(js.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Process process = node.start();
    if (!process.waitFor(SCRIPT_LIMIT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("the browser script did not finish in " + SCRIPT_LIMIT_SECONDS + " s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    System.out.println("[DashboardBrowserIT] dashboard.mjs:\n" + output);
    assertEquals(0, process.exitValue(), output);
    for (String check :
        List.of(
            "ok 1 - two tabs opened the dashboard and connected",
            "ok 2 - metrics change",
            "ok 3 - token rotations counted",
            "ok 4 - a chat line sent by alice arrived in bob's tab",
            "ok 5 - after the socket was cut the tab reconnected and resumed session",
            "ok 6 - no page errors",
            "all checks passed (6)")) {
      assertTrue(output.contains(check), "missing \"" + check + "\" in:\n" + output);
    }
    assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot + " is missing or empty");
  }

  private static void requireFile(Path file, String what) throws IOException {
    if (!Files.isRegularFile(file)) {
      fail("the browser test needs " + what + ": " + file + " is missing");
    }
  }
}
