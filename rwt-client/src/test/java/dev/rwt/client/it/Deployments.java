package dev.rwt.client.it;

import dev.rwt.testing.Tokens;
import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The product WAR as built by rwt-war, plus this module's test beans and configuration. */
final class Deployments {

  static final Map<String, String> CONFIG = new TreeMap<>(Map.of(
      "rwt.auth.jwt.secret", Tokens.SECRET,
      "rwt.rotation.pattern", "fixed",
      "rwt.rotation.interval-ms", "1000",
      "rwt.heartbeat-ms", "2000",
      "rwt.limits.messages-per-second", "2000",
      "rwt.limits.max-frame-bytes", "65536",
      "rwt.session.resume-ttl-ms", "30000"));

  private Deployments() {}

  static WebArchive war() {
    return war(Map.of());
  }

  /** The WAR with some configuration keys added or changed. */
  static WebArchive war(Map<String, String> overrides) {
    Map<String, String> config = new TreeMap<>(CONFIG);
    config.putAll(overrides);
    String properties = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rwt.war")))
        .addClasses(TestHandlers.class, TestHandlers.Order.class, TestHandlers.Ack.class, TestHandlers.Burst.class,
            TestHandlers.Increment.class, TestHandlers.Stream.class)
        .addAsResource(new StringAsset(properties + "\n"), "META-INF/microprofile-config.properties");
  }
}
