package dev.rwt.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Writes compact JSON (no insignificant whitespace), keeping the iteration order of maps:
 * that order is part of the byte-exact HELLO and WELCOME bodies. Stateless.
 *
 * <p>Accepted values: null, {@link Boolean}, {@link String}, integral {@link Number}s,
 * {@link BigDecimal}, finite {@link Double}/{@link Float}, {@link Map} with String keys,
 * {@link Collection}, and {@code Object[]}. Strings escape only what RFC 8259 requires
 * ({@code "}, {@code \}, and control characters); other characters are written as UTF-8.
 */
final class JsonWriter {
  private JsonWriter() {}

  static byte[] write(Object value) {
    if (value instanceof String str && !needsEscape(str)) {
      return quoted(str.getBytes(StandardCharsets.UTF_8)); // a payload string: no builder to grow and copy
    }
    StringBuilder sb = new StringBuilder(64);
    append(sb, value);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] quoted(byte[] utf8) {
    byte[] json = new byte[utf8.length + 2];
    json[0] = '"';
    System.arraycopy(utf8, 0, json, 1, utf8.length);
    json[json.length - 1] = '"';
    return json;
  }

  static void append(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String str) {
      string(sb, str);
    } else if (v instanceof Boolean bool) {
      sb.append(bool.booleanValue());
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof BigDecimal dec) {
      sb.append(dec.toString());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no NaN or infinity");
      }
      sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
    } else if (v instanceof Map<?, ?> map) {
      object(sb, map);
    } else if (v instanceof Collection<?> c) {
      array(sb, c.toArray());
    } else if (v instanceof Object[] arr) {
      array(sb, arr);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private static void object(StringBuilder sb, Map<?, ?> map) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("JSON member names are strings");
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, key);
      sb.append(':');
      append(sb, e.getValue());
    }
    sb.append('}');
  }

  private static void array(StringBuilder sb, Object[] items) {
    sb.append('[');
    for (int i = 0; i < items.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      append(sb, items[i]);
    }
    sb.append(']');
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    if (!needsEscape(s)) {
      sb.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean needsEscape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }
}
