package dev.rwt.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * The META block: {@code u16 length || length bytes of UTF-8 JSON || payload}. The
 * metadata is a JSON object; server-to-client MESSAGE frames use
 * {@code {"from": principal-or-null, "id": message-id, "ts": unix-ms}}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Meta {
  private Meta() {}

  /** Metadata and payload of a plaintext body with the META flag. */
  public record Split(Map<String, Object> meta, byte[] payload) {}

  /**
   * Prefixes {@code payload} with the compact JSON of {@code meta}.
   *
   * @throws IllegalArgumentException when the JSON is longer than 65535 bytes
   */
  public static byte[] join(Map<String, ?> meta, byte[] payload) {
    byte[] json = Json.write(meta);
    if (json.length > RwtWire.MAX_META_LENGTH) {
      throw new IllegalArgumentException("META JSON longer than " + RwtWire.MAX_META_LENGTH + " bytes");
    }
    return ByteBuffer.allocate(RwtWire.META_LENGTH_PREFIX + json.length + payload.length)
        .putShort((short) json.length)
        .put(json)
        .put(payload)
        .array();
  }

  /**
   * Splits a plaintext body that carries the META flag.
   *
   * @throws RwtProtocolException PROTOCOL when the length runs past the end or the
   *     metadata is not a JSON object
   */
  public static Split split(byte[] plaintext) throws RwtProtocolException {
    if (plaintext.length < RwtWire.META_LENGTH_PREFIX) {
      throw RwtProtocolException.protocol("META flag set but no META length");
    }
    int length = ((plaintext[0] & 0xFF) << 8) | (plaintext[1] & 0xFF);
    int end = RwtWire.META_LENGTH_PREFIX + length;
    if (end > plaintext.length) {
      throw RwtProtocolException.protocol("META length runs past the body");
    }
    Object meta = Json.parse(Arrays.copyOfRange(plaintext, RwtWire.META_LENGTH_PREFIX, end));
    return new Split(JsonFields.object(meta, "META"), Arrays.copyOfRange(plaintext, end, plaintext.length));
  }
}
