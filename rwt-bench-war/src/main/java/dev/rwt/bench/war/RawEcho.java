package dev.rwt.bench.war;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * The container's ceiling for echo: a plain Jakarta WebSocket endpoint that sends every binary
 * message back with an asynchronous send, and nothing else.
 */
@ServerEndpoint("/raw/echo")
public class RawEcho {

  @OnMessage
  public void onMessage(Session session, ByteBuffer message) {
    // the container may reuse its buffer once this returns; the send is asynchronous
    session.getAsyncRemote().sendBinary(RawFanout.copy(message));
  }
}
