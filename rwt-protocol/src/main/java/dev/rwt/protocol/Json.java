package dev.rwt.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The protocol's own small JSON: a strict RFC 8259 reader and a compact, order-keeping
 * writer. Used for HELLO, WELCOME, META and the other JSON bodies; applications may use a
 * richer binding for their payloads.
 *
 * <p>Value model: objects are {@code Map<String, Object>} in member order, arrays
 * {@code List<Object>}, strings, {@code Long} for integers that fit, {@code BigDecimal}
 * for other numbers, {@code Boolean}, and null. Stateless and thread-safe.
 */
public final class Json {
  private Json() {}

  /**
   * Parses one UTF-8 JSON document.
   *
   * @throws RwtProtocolException PROTOCOL when it is not strictly valid JSON
   */
  public static Object parse(byte[] utf8) throws RwtProtocolException {
    return JsonReader.parse(utf8);
  }

  /** {@link #parse(byte[])} for a string. */
  public static Object parse(String text) throws RwtProtocolException {
    return JsonReader.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Compact UTF-8 JSON of {@code value}, maps in their iteration order (use a
   * {@link java.util.LinkedHashMap} when order matters).
   *
   * @throws IllegalArgumentException for a value that has no JSON form
   */
  public static byte[] write(Object value) {
    return JsonWriter.write(value);
  }

  /** {@link #write(Object)} as a string. */
  public static String toString(Object value) {
    StringBuilder sb = new StringBuilder();
    JsonWriter.append(sb, value);
    return sb.toString();
  }
}
