package dev.rwt.impl.session;

import dev.rwt.api.RwtMessage;
import dev.rwt.api.RwtSession;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.RwtWire;
import java.nio.charset.StandardCharsets;

/** A client's MESSAGE as observers see it. Immutable. */
final class InboundMessage implements RwtMessage {

  private final String channel;
  private final ServerSession session;
  private final OpenedFrame frame;

  InboundMessage(String channel, ServerSession session, OpenedFrame frame) {
    this.channel = channel;
    this.session = session;
    this.frame = frame;
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public RwtSession session() {
    return session;
  }

  @Override
  public byte[] bytes() {
    return frame.payload().clone();
  }

  @Override
  public String text() {
    return new String(frame.payload(), StandardCharsets.UTF_8);
  }

  @Override
  public boolean isJson() {
    return frame.has(RwtWire.FLAG_JSON);
  }

  @Override
  public boolean isEncrypted() {
    return frame.has(RwtWire.FLAG_ENC);
  }

  @Override
  public <T> T as(Class<T> type) {
    if (type == String.class && frame.json() instanceof String text) {
      return type.cast(text); // parsed when the frame was opened (a JSON body is checked then)
    }
    return session.codec().fromJson(frame.payload(), type);
  }

  @Override
  public void reply(Object payload) {
    if (channel == null) {
      session.sendDirect(payload);
    } else {
      session.send(channel, payload);
    }
  }

  long seq() {
    return frame.seq();
  }

  @Override
  public String toString() {
    return "RwtMessage[" + (channel == null ? "direct" : channel) + " from " + session.identity().id() + "]";
  }
}
