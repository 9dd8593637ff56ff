package dev.rwt.war;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.RwtWire;
import java.nio.ByteBuffer;

/** Hand-built frames for tests that must send what a correct client never would. */
final class Frames {

  private Frames() {}

  /** A frame with flags JSON, channel/seq/epoch 0 and a zero token, as HELLO is sent. */
  static byte[] unsealed(FrameType type, byte[] body) {
    return ByteBuffer.allocate(RwtWire.HEADER_LENGTH + body.length)
        .put((byte) RwtWire.VERSION)
        .put((byte) type.code())
        .put((byte) RwtWire.FLAG_JSON)
        .put(new byte[RwtWire.HEADER_LENGTH - 3])
        .put(body)
        .array();
  }
}
