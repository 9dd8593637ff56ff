package dev.rwt.war.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR without {@code rwt.demo.enabled}: no tokens for anyone, the static files still served. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoDisabledIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return DemoWar.withConfig(Map.of("rwt.auth.jwt.secret", DemoWar.SECRET));
  }

  @ArquillianResource URL base;

  @Test
  void tokenEndpointAnswers404() throws Exception {
    assertEquals(404, DemoWar.get(base, "demo/token?name=alice").statusCode());
  }

  @Test
  void pageAndClientAreStillServed() throws Exception {
    HttpResponse<String> page = DemoWar.get(base, "");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("RWT live dashboard"), page.body());
    assertEquals(200, DemoWar.get(base, "rwt-client.js").statusCode());
  }
}
