package dev.rwt.war;

import dev.rwt.testing.Tokens;
import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The product WAR as built, plus test classes and a test configuration. */
final class Deployments {

  /** The configuration most tests run with: small limits so that each can be reached quickly. */
  static final Map<String, String> TEST_CONFIG =
      Map.of(
          "rwt.auth.jwt.secret", Tokens.SECRET,
          "rwt.rotation.pattern", "fixed",
          "rwt.rotation.interval-ms", "1500",
          "rwt.heartbeat-ms", "2000",
          "rwt.limits.messages-per-second", "100",
          "rwt.limits.max-subscriptions", "4",
          "rwt.limits.max-calls", "2",
          "rwt.limits.max-frame-bytes", "65536",
          "rwt.session.buffer-bytes", "262144",
          "rwt.session.resume-ttl-ms", "5000");

  private Deployments() {}

  static WebArchive war(Map<String, String> config, Class<?>... classes) {
    String properties =
        config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rwt.war")))
        .addClasses(classes)
        .addAsResource(new StringAsset(properties + "\n"), "META-INF/microprofile-config.properties");
  }

  static WebArchive testWar() {
    return war(TEST_CONFIG, TestHandlers.class);
  }

  /** The test configuration with some keys changed. */
  static WebArchive testWar(Map<String, String> overrides) {
    Map<String, String> config = new java.util.HashMap<>(TEST_CONFIG);
    config.putAll(overrides);
    return war(config, TestHandlers.class);
  }
}
