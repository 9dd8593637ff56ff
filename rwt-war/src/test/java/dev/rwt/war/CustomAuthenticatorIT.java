package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.testing.Tokens;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An application-provided RwtAuthenticator replaces the built-in JWT one. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CustomAuthenticatorIT {

  @Deployment(testable = false)
  static WebArchive war() {
    // no JWT secret at all: only the application's authenticator can let anyone in
    return Deployments.war(Map.of("rwt.rotation.interval-ms", "60000"), TestHandlers.class, ApiKeyAuthenticator.class);
  }

  @ArquillianResource URL base;

  @Test
  void theApplicationsAuthenticatorDecidesWhoConnects() throws Exception {
    try (RwtPeer carol = RwtPeer.connect(base, "key-carol")) {
      assertNull(carol.welcome.authExp(), "this authenticator's identities do not expire");
      carol.sendJson(FrameType.CALL, 0, "{\"id\":1,\"method\":\"whoami\"}");
      Map<?, ?> result = (Map<?, ?>) Json.parse(carol.next(FrameType.RESULT).payload());
      assertEquals("carol", result.get("result"));
    }
  }

  @Test
  void aJwtIsNoLongerAccepted() {
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> RwtPeer.connect(base, Tokens.all("alice")).close());
    assertTrue(refused.getMessage().contains("4001"), refused.getMessage());
  }
}
