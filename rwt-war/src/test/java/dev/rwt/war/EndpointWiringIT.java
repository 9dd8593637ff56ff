package dev.rwt.war;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR on a real Payara Micro: the endpoint is there and reaches its CDI service. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EndpointWiringIT {

  private static final int MAX_FRAME_BYTES = 512;

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("rwt.war")))
        .addAsResource(
            new StringAsset("rwt.limits.max-frame-bytes=" + MAX_FRAME_BYTES + "\n"),
            "META-INF/microprofile-config.properties");
  }

  @ArquillianResource URL base;

  @Test
  void serverSelectsTheRwtSubprotocol() throws Exception {
    try (TestSocket socket = TestSocket.open(base, "chat", "rwt.v1")) {
      assertEquals("rwt.v1", socket.subprotocol());
    }
  }

  @Test
  void aBinaryMessageThatIsNotHelloClosesWith4000() throws Exception {
    try (TestSocket socket = TestSocket.open(base, "rwt.v1")) {
      byte[] ping = new byte[41];
      ping[0] = 0x01;
      ping[1] = 0x30;
      socket.sendBinary(ping);
      assertEquals(4000, socket.awaitClose().code());
    }
  }

  @Test
  void aFrameOverTheConfiguredLimitClosesWith4009() throws Exception {
    try (TestSocket socket = TestSocket.open(base, "rwt.v1")) {
      socket.sendBinary(new byte[MAX_FRAME_BYTES + 34]);
      assertEquals(4009, socket.awaitClose().code());
    }
  }

  @Test
  void aTextMessageClosesWith4000() throws Exception {
    try (TestSocket socket = TestSocket.open(base, "rwt.v1")) {
      socket.sendText("hello");
      assertEquals(4000, socket.awaitClose().code());
    }
  }
}
