package dev.rwt.bench.war;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * The container's ceiling for fan-out: every binary message a client sends goes to every
 * other open connection of this endpoint, with asynchronous sends. No framing, no security,
 * no acknowledgement: the least any broadcast on this container can do.
 */
@ServerEndpoint("/raw/fanout")
public class RawFanout {

  @OnMessage
  public void onMessage(Session sender, ByteBuffer message) {
    ByteBuffer copy = copy(message);
    for (Session s : sender.getOpenSessions()) {
      if (s != sender && s.isOpen()) {
        s.getAsyncRemote().sendBinary(copy.duplicate());
      }
    }
  }

  static ByteBuffer copy(ByteBuffer message) {
    ByteBuffer copy = ByteBuffer.allocate(message.remaining());
    copy.put(message).flip();
    return copy;
  }
}
