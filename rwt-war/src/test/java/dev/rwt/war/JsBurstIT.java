package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rwt.testing.Tokens;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser client's natural batching against the real server: {@code rwt-js/test-server/burst.mjs}
 * (Node, the client's own modules) sends 1,000 numbered messages in one loop, which leave in a
 * few BATCH messages; the server takes them apart and its handler sees every number once, in
 * order, and so does a second JS connection subscribed to the channel (which the server in turn
 * feeds in batches). The script's output is {@code rwt-war/target/js-burst.log}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JsBurstIT {

  private static final long SCRIPT_LIMIT_SECONDS = 120;
  private static final int COUNT = 1000;

  /**
   * The test configuration with room for a burst: no rate limit in the way, a large buffer,
   * and the default rotation interval. (With the test's 1.5 s epochs, a loaded machine's
   * server can spend longer than an epoch relaying the 1,000 entries of one batch, and the
   * client's next frame, waiting behind it, then expires: that is the server's pace, not
   * batching, and not what this test is about.)
   */
  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.testWar(Map.of(
        "rwt.limits.messages-per-second", "100000",
        "rwt.session.buffer-bytes", "4194304",
        "rwt.rotation.interval-ms", "60000"));
  }

  @ArquillianResource URL base;

  @Test
  void aBurstOfAThousandLeavesTheJsClientInBatchesAndArrivesWholeAndInOrder() throws Exception {
    Path js = Path.of(System.getProperty("rwt.js.dir"));
    Path log = Path.of(System.getProperty("rwt.test.tmpdir")).resolve("js-burst.log");
    List<String> command = new ArrayList<>(List.of("node"));
    if (nodeMajorVersion() < 22) {
      command.add("--experimental-websocket"); // Node 20's global WebSocket
    }
    command.addAll(List.of(
        js.resolve("test-server/burst.mjs").toString(),
        "ws://127.0.0.1:" + base.getPort() + base.getPath() + "rwt",
        Tokens.all("js-publisher"),
        Tokens.all("js-subscriber"),
        "--count", Integer.toString(COUNT),
        "--timeout-ms", Long.toString((SCRIPT_LIMIT_SECONDS - 10) * 1000)));
    Process process = new ProcessBuilder(command).directory(js.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(SCRIPT_LIMIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("burst.mjs did not finish in " + SCRIPT_LIMIT_SECONDS + " s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    System.out.println("[JsBurstIT] burst.mjs:\n" + output);
    assertEquals(0, process.exitValue(), output);
    for (String check : List.of(
        "ok 2 - the subscriber received every number once, in order",
        "ok 3 - the server's handler saw every number once, in order",
        "all checks passed (3)")) {
      assertTrue(output.contains(check), "missing \"" + check + "\" in:\n" + output);
    }
    Matcher counts =
        Pattern.compile("burst: frames=(\\d+) messages=(\\d+) batches=(\\d+)").matcher(output);
    assertTrue(counts.find(), output);
    int frames = Integer.parseInt(counts.group(1));
    int messages = Integer.parseInt(counts.group(2));
    assertEquals(COUNT, frames);
    assertTrue(messages * 10 <= frames && Integer.parseInt(counts.group(3)) >= 1,
        frames + " frames left in " + messages + " WebSocket messages");
  }

  private static int nodeMajorVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
    String version = new String(p.getInputStream().readAllBytes()).trim(); // e.g. v20.20.2
    if (!p.waitFor(30, TimeUnit.SECONDS) || !version.matches("v\\d+\\..*")) {
      fail("the JS burst test needs Node 20+ on the PATH; `node --version` said: " + version);
    }
    return Integer.parseInt(version.substring(1, version.indexOf('.')));
  }
}
