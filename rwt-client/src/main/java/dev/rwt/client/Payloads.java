package dev.rwt.client;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.SealOptions;
import java.nio.charset.StandardCharsets;

/** Turns application data into MESSAGE payloads and frame options. Stateless. */
final class Payloads {
  /** A payload and whether it is JSON. */
  record Encoded(byte[] bytes, boolean json) {}

  private Payloads() {}

  /**
   * {@code byte[]} as binary, {@link JsonText} as is, any other JSON value written as JSON.
   *
   * @throws RwtEncodingException for anything else
   */
  static Encoded encode(Object data) {
    if (data instanceof byte[] bytes) {
      return new Encoded(bytes.clone(), false);
    }
    if (data instanceof JsonText text) {
      return new Encoded(text.json().getBytes(StandardCharsets.UTF_8), true);
    }
    try {
      return new Encoded(Json.write(data), true);
    } catch (IllegalArgumentException e) {
      throw notJson(e);
    }
  }

  /** A value for a JSON tree (CALL params): a {@link JsonText} is parsed, anything else checked. */
  static Object jsonValue(Object value) {
    if (value instanceof JsonText text) {
      try {
        return Json.parse(text.json());
      } catch (RwtProtocolException e) {
        throw notJson(e);
      }
    }
    try {
      Json.write(value);
    } catch (IllegalArgumentException e) {
      throw notJson(e);
    }
    return value;
  }

  private static RwtEncodingException notJson(Exception e) {
    return new RwtEncodingException("not a JSON value (" + e.getMessage() + "); serialize your objects with JSON-B "
        + "or Jackson and pass a JsonText, a String or byte[]", "ENCODING", "send", null, null, null, e);
  }

  /** The frame spec of a MESSAGE with the client's defaults applied. */
  static Outbox.Spec messageSpec(String channel, byte[] payload, boolean json, SendOptions o, ClientConfig config) {
    SealOptions seal = json ? SealOptions.json() : SealOptions.binary();
    if (o.meta() != null) {
      seal = seal.withMeta(o.meta());
    }
    boolean encrypt = o.encrypt() != null ? o.encrypt() : config.encryptPayloads();
    // "auto" never compresses what is encrypted: compressed size leaks how much of an
    // attacker's input matched secrets in the same payload (CRIME/BREACH, docs/security.md)
    boolean compress = o.compress() != null ? o.compress() : !encrypt && payload.length >= config.compressThreshold();
    if (compress) {
      seal = seal.deflated();
    }
    if (encrypt) {
      seal = seal.encrypted();
    }
    return new Outbox.Spec(FrameType.MESSAGE, 0, channel, payload, seal, "send");
  }
}
