package dev.rwt.impl.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.Extension;
import java.util.List;
import org.junit.jupiter.api.Test;

class RwtEndpointConfiguratorTest {

  private static final Extension DEFLATE = new Extension() {
    @Override
    public String getName() {
      return "permessage-deflate";
    }

    @Override
    public List<Parameter> getParameters() {
      return List.of();
    }
  };

  @Test
  void permessageDeflateIsNeverNegotiatedEvenWhenTheContainerHasIt() {
    assertEquals(List.of(), new RwtEndpointConfigurator().getNegotiatedExtensions(List.of(DEFLATE), List.of(DEFLATE)));
  }

  @Test
  void onlyRwtV1IsSelected() {
    RwtEndpointConfigurator c = new RwtEndpointConfigurator();
    assertEquals("rwt.v1", c.getNegotiatedSubprotocol(List.of("rwt.v1"), List.of("chat", "rwt.v1")));
    assertEquals("", c.getNegotiatedSubprotocol(List.of("rwt.v1"), List.of("chat")));
  }
}
