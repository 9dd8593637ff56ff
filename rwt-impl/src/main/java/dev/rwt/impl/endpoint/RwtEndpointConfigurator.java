package dev.rwt.impl.endpoint;

import dev.rwt.impl.ops.EndpointStatus;
import dev.rwt.protocol.RwtWire;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Subprotocol negotiation of the RWT endpoint: only {@code rwt.v1} is ever selected. A client
 * that does not offer it is accepted without a subprotocol and closed with 4000 at once.
 * No WebSocket extension is ever negotiated: permessage-deflate would compress unencrypted RWT
 * frames together (secrets next to attacker-chosen text) under TLS, the BREACH setting, and
 * RWT has its own DEFLATE. Origins are checked earlier, by {@link OriginFilter}.
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

  @Override
  public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
    return List.of();
  }
}
