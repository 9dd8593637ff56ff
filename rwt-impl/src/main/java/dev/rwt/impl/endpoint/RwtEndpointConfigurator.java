package dev.rwt.impl.endpoint;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** Subprotocol negotiation for the RWT endpoint: only {@value #SUBPROTOCOL} is ever selected. */
public class RwtEndpointConfigurator extends ServerEndpointConfig.Configurator {

  /** The one subprotocol RWT/1 speaks. */
  public static final String SUBPROTOCOL = "rwt.v1";

  @Override
  public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
    return requested.contains(SUBPROTOCOL) ? SUBPROTOCOL : "";
  }
}
