package dev.rwt.impl.endpoint;

import dev.rwt.impl.ops.EndpointStatus;
import dev.rwt.impl.session.Connections;
import dev.rwt.protocol.RwtWire;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Subprotocol negotiation of the RWT endpoint: only {@code rwt.v1} is ever selected. A client
 * that does not offer it is accepted without a subprotocol and closed with 4000 at once.
 * No WebSocket extension is ever negotiated: permessage-deflate would compress unencrypted RWT
 * frames together (secrets next to attacker-chosen text) under TLS, the BREACH setting, and
 * RWT has its own DEFLATE. Origins are checked earlier, by {@link OriginFilter}.
 *
 * <p>It also creates the endpoint of each connection ({@link #getEndpointInstance}).
 */
public class RwtEndpointConfigurator extends ServerEndpointConfig.Configurator {

  /** The bean every endpoint calls (its instance, not its client proxy), looked up on the first connection. */
  private volatile Connections connections;

  /** Containers create the configurator when they deploy the endpoint: readiness learns of it. */
  public RwtEndpointConfigurator() {
    EndpointStatus.noteDeployed();
  }

  @Override
  public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
    return requested.contains(RwtWire.SUBPROTOCOL) ? RwtWire.SUBPROTOCOL : "";
  }

  /**
   * The endpoint of a new connection, handed the {@link Connections} bean. Left to the
   * container, every endpoint would be created and injected through CDI, and the container would
   * keep that instance's injection target and creational context (Tyrus on Payara, Undertow on
   * WildFly) until the connection closes: most of a kilobyte per idle connection, for one field.
   * The bean itself is resolved once, when the application's contexts serve requests, and its
   * instance is what endpoints call ({@link Connections#direct}).
   */
  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
    if (endpointClass != RwtEndpoint.class) {
      return super.getEndpointInstance(endpointClass);
    }
    Connections c = connections;
    if (c == null) {
      c = CDI.current().select(Connections.class).get().direct().get();
      connections = c;
    }
    return endpointClass.cast(new RwtEndpoint(c));
  }

  @Override
  public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
    return List.of();
  }
}
