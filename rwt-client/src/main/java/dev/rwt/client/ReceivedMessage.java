package dev.rwt.client;

import dev.rwt.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * A MESSAGE the client received, as listeners see it. Immutable (the payload is copied on
 * access).
 *
 * <p>{@link #data()} is the parsed JSON (see {@link Json}: {@code Map}, {@code List},
 * {@code String}, {@code Long}, {@code BigDecimal}, {@code Boolean}, or null) for a JSON
 * payload, else the bytes. To bind your own types, read {@link #text()} with JSON-B or
 * Jackson, or use {@link #as(Function)}.
 *
 * @param channel the channel name, or null for a direct message from the server
 * @param channelId the subscription id the frame carried (0 for a direct message)
 * @param binary whether the payload is opaque bytes (no JSON flag)
 * @param meta the META object the server attached ({@code from}, {@code id}, {@code ts}), or null
 * @param seq the frame's sequence number
 * @param encrypted whether it travelled encrypted
 * @param compressed whether it travelled deflated
 * @param receivedAt local unix-ms when it was opened
 */
public record ReceivedMessage(String channel, int channelId, Object data, boolean binary, byte[] payload,
    Map<String, Object> meta, long seq, boolean encrypted, boolean compressed, long receivedAt) {

  public ReceivedMessage {
    payload = payload.clone();
    meta = meta == null ? null : Map.copyOf(withoutNulls(meta));
    if (data instanceof byte[] bytes) {
      data = bytes.clone();
    }
  }

  /** The plaintext payload bytes (for a JSON payload, its UTF-8 text). */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload as UTF-8 text: the raw JSON for a JSON payload. */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Whether it came from the server directly rather than on a channel. */
  public boolean isDirect() {
    return channelId == 0;
  }

  /** The sender's principal id from META, or null (null also for messages from the server itself). */
  public String from() {
    return meta != null && meta.get("from") instanceof String s ? s : null;
  }

  /** The server's message id from META, or null. */
  public String id() {
    return meta != null && meta.get("id") instanceof String s ? s : null;
  }

  /** The server's unix-ms timestamp from META, or -1. */
  public long ts() {
    return meta != null && meta.get("ts") instanceof Long l ? l : -1;
  }

  /** {@code data.type} when the data is a JSON object with a string {@code type}, else null. */
  public String type() {
    return data instanceof Map<?, ?> m && m.get("type") instanceof String s ? s : null;
  }

  /**
   * Maps {@link #data()} with {@code mapper}.
   *
   * @throws RwtEncodingException when the mapper fails
   */
  public <T> T as(Function<Object, T> mapper) {
    try {
      return mapper.apply(data);
    } catch (RuntimeException e) {
      throw new RwtEncodingException("cannot map message data: " + e.getMessage(), "ENCODING", "receive", null, null,
          null, e);
    }
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> meta) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    meta.forEach((k, v) -> {
      if (v != null) {
        m.put(k, v);
      }
    });
    return m;
  }

  @Override
  public String toString() {
    return "ReceivedMessage[channel=" + channel + ", seq=" + seq + ", " + payload.length + "B"
        + (binary ? " binary" : " json") + "]";
  }
}
