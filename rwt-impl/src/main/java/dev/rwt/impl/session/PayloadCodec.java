package dev.rwt.impl.session;

import dev.rwt.api.RwtException;
import dev.rwt.protocol.ErrorCode;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.RwtProtocolException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns application objects into JSON payloads and back (JSON-B, provided by the server), and
 * builds the protocol's small JSON bodies. Thread-safe.
 */
public final class PayloadCodec {

  private final Jsonb jsonb = JsonbBuilder.create();

  /**
   * JSON of {@code payload}; a {@code byte[]} or a JSON text is not expected here. A string, a
   * boolean or an integer is written directly, the rest through JSON-B.
   */
  public byte[] toJson(Object payload) {
    if (payload instanceof String || payload instanceof Boolean || payload instanceof Integer
        || payload instanceof Long) {
      return Json.write(payload);
    }
    return jsonb.toJson(payload).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Binds JSON {@code json} to {@code type}.
   *
   * @throws RwtException BAD_PARAMS when it does not bind
   */
  public <T> T fromJson(byte[] json, Type type) {
    if (type == String.class) {
      String s = stringOrNull(json);
      if (s != null) {
        @SuppressWarnings("unchecked")
        T t = (T) s;
        return t;
      }
    }
    try {
      return jsonb.fromJson(new String(json, StandardCharsets.UTF_8), type);
    } catch (JsonbException e) {
      throw new RwtException(ErrorCode.BAD_PARAMS.wireName(), "cannot read the payload as " + type.getTypeName());
    }
  }

  /** The string a JSON text is, read directly; null when it is anything else (JSON-B decides then). */
  private static String stringOrNull(byte[] json) {
    if (json.length < 2 || json[0] != '"') {
      return null;
    }
    try {
      return Json.parse(json) instanceof String s ? s : null;
    } catch (RwtProtocolException e) {
      return null;
    }
  }

  /** JSON text of a protocol value (maps, lists, strings, numbers). */
  public byte[] protocolJson(Object value) {
    return Json.write(value);
  }

  /** {@code {}} */
  public byte[] object() {
    return Json.write(Map.of());
  }

  /** {@code {"key": value}} */
  public byte[] object(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    return Json.write(m);
  }
}
