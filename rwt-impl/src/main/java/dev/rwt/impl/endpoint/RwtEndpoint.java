package dev.rwt.impl.endpoint;

import dev.rwt.impl.session.Connections;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * The RWT WebSocket endpoint: an adapter that turns container callbacks into calls on
 * {@link Connections}. It owns no state and no logic. Its configurator creates one per
 * connection with the bean ({@link RwtEndpointConfigurator#getEndpointInstance}); a container
 * that creates it itself injects the field.
 */
@ServerEndpoint(
    value = "/rwt",
    subprotocols = {"rwt.v1"},
    configurator = RwtEndpointConfigurator.class)
public class RwtEndpoint {

  @Inject Connections connections;

  public RwtEndpoint() {}

  RwtEndpoint(Connections connections) {
    this.connections = connections;
  }

  @OnOpen
  public void onOpen(Session session) {
    connections.opened(session);
  }

  @OnMessage
  public void onBinary(Session session, ByteBuffer message) {
    connections.received(session, message);
  }

  @OnMessage
  public void onText(Session session, String message) {
    connections.textReceived(session);
  }

  @OnClose
  public void onClose(Session session, CloseReason reason) {
    connections.closed(session, reason);
  }

  @OnError
  public void onError(Session session, Throwable error) {
    connections.failed(session, error);
  }
}
