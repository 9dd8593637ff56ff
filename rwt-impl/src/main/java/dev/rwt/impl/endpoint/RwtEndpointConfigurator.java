package dev.rwt.impl.endpoint;

import dev.rwt.impl.ops.EndpointStatus;
import dev.rwt.protocol.RwtWire;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Subprotocol negotiation of the RWT endpoint: only {@code rwt.v1} is ever selected. A client
 * that does not offer it is accepted without a subprotocol and closed with 4000 at once.
 * Origins are checked earlier, by {@link OriginFilter}.
 */
public class RwtEndpointConfigurator extends ServerEndpointConfig.Configurator {

  /** Containers create the configurator when they deploy the endpoint: readiness learns of it. */
  public RwtEndpointConfigurator() {
    EndpointStatus.noteDeployed();
  }

  @Override
  public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
    return requested.contains(RwtWire.SUBPROTOCOL) ? RwtWire.SUBPROTOCOL : "";
  }
}
