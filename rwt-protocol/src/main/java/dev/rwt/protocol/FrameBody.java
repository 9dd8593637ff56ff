package dev.rwt.protocol;

import java.util.Map;

/**
 * The last stage of opening a frame (type and body, PROTOCOL.md section 9): the type must be
 * one the peer may send, the body is inflated under the size limit, META is split off, a
 * body that must be JSON is parsed, and ACK/PING bodies must be 8 bytes. Stateless.
 */
final class FrameBody {
  private FrameBody() {}

  static OpenedFrame check(Frame frame, byte[] plain, Direction from, int maxFrameBytes) throws RwtProtocolException {
    FrameType type = frame.type();
    if (!type.batchable() || !type.allowedIn(from)) {
      throw RwtProtocolException.protocol(type + " is not allowed " + from + " after the handshake");
    }
    byte[] payload = plain;
    if (frame.has(RwtWire.FLAG_DEFLATE)) {
      payload = Deflate.inflate(payload, maxFrameBytes);
    }
    Map<String, Object> meta = null;
    if (frame.has(RwtWire.FLAG_META)) {
      Meta.Split split = Meta.split(payload);
      meta = split.meta();
      payload = split.payload();
    }
    Object json = null;
    if (frame.has(RwtWire.FLAG_JSON) || type.hasJsonBody()) {
      json = Json.parse(payload);
    }
    if (type.hasU64Body() && payload.length != RwtWire.U64_BODY_LENGTH) {
      throw RwtProtocolException.protocol(type + " body must be " + RwtWire.U64_BODY_LENGTH + " bytes");
    }
    if (payload == plain) {
      payload = plain.clone();
    }
    return new OpenedFrame(type, frame.flags(), frame.channel(), frame.seq(), frame.epoch(), payload, meta, json);
  }
}
