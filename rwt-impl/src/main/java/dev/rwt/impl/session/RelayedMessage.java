package dev.rwt.impl.session;

import dev.rwt.protocol.Json;
import dev.rwt.protocol.RwtProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A channel message as it travels between nodes over the backplane: which node published it, its
 * number among that node's publishes ({@code serial}, from 1, in publish order), on which channel,
 * its META as the publishing node made it, and the payload in clear (the receiving node seals it
 * for each of its subscribers, as the publishing node did for its own). The serial tells a node
 * replaying the backplane's log for a session that moved which of the old node's own messages
 * that node had already delivered to it.
 *
 * <pre>
 *   u8 version (2) | utf origin | i64 serial | utf channel | u8 flags (1 json, 2 encrypted)
 *   | utf META as JSON | u32 length | payload
 * </pre>
 */
record RelayedMessage(
    String origin,
    long serial,
    String channel,
    Map<String, Object> meta,
    byte[] payload,
    boolean json,
    boolean encrypted) {

  static final int VERSION = 2;
  private static final int JSON = 1;
  private static final int ENCRYPTED = 2;

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(origin);
      out.writeLong(serial);
      out.writeUTF(channel);
      out.writeByte((json ? JSON : 0) | (encrypted ? ENCRYPTED : 0));
      out.writeUTF(Json.toString(meta));
      out.writeInt(payload.length);
      out.write(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not on a byte array
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when {@code bytes} is not a message of this version
   */
  @SuppressWarnings("unchecked")
  static RelayedMessage decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("backplane message version " + version + ", expected " + VERSION);
      }
      String origin = in.readUTF();
      long serial = in.readLong();
      String channel = in.readUTF();
      int flags = in.readUnsignedByte();
      if (!(Json.parse(in.readUTF()) instanceof Map<?, ?> meta)) {
        throw new IllegalArgumentException("backplane message META is not an object");
      }
      int length = in.readInt();
      if (length < 0 || length != in.available()) {
        throw new IllegalArgumentException("backplane message payload length " + length + " does not match");
      }
      byte[] payload = in.readNBytes(length);
      return new RelayedMessage(
          origin, serial, channel, (Map<String, Object>) meta, payload, (flags & JSON) != 0, (flags & ENCRYPTED) != 0);
    } catch (IOException | RwtProtocolException e) {
      throw new IllegalArgumentException("malformed backplane message", e);
    }
  }
}
