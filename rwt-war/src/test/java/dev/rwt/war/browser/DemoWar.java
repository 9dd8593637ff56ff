package dev.rwt.war.browser;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The product WAR as built (demo page, client bundle, demo beans) with a test configuration. */
final class DemoWar {

  static final String SECRET = "browser-test-secret-0123456789abcdefghij";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private DemoWar() {}

  static WebArchive withConfig(Map<String, String> config) {
    String properties =
        new TreeMap<>(config)
            .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rwt.war")))
        .addAsResource(new StringAsset(properties + "\n"), "META-INF/microprofile-config.properties");
  }

  /**
   * {@code base} on {@code localhost}, with a trailing slash so that the page's relative URLs
   * resolve under it. Arquillian may name the machine's own address instead; a browser gives
   * WebCrypto only to secure contexts, which {@code http://localhost} is and another host over
   * plain HTTP is not (and the tests stay on the loopback interface).
   */
  static String root(URL base) {
    String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
    return "http://localhost:" + base.getPort() + path;
  }

  static HttpResponse<String> get(URL base, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(root(base) + path)).timeout(Duration.ofSeconds(20)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
