package dev.rwt.protocol;

import java.util.Map;

/**
 * Typed, failing reads of JSON object members: a missing or ill-typed member is a
 * PROTOCOL error naming the member. Stateless.
 */
final class JsonFields {
  private JsonFields() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String what) throws RwtProtocolException {
    if (!(value instanceof Map)) {
      throw RwtProtocolException.protocol(what + " must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  static Map<String, Object> object(Map<String, Object> obj, String name) throws RwtProtocolException {
    return object(require(obj, name), name);
  }

  static Object require(Map<String, Object> obj, String name) throws RwtProtocolException {
    if (!obj.containsKey(name)) {
      throw RwtProtocolException.protocol("missing field '" + name + "'");
    }
    return obj.get(name);
  }

  static String string(Map<String, Object> obj, String name) throws RwtProtocolException {
    if (!(require(obj, name) instanceof String s)) {
      throw RwtProtocolException.protocol("field '" + name + "' must be a string");
    }
    return s;
  }

  static String optionalString(Map<String, Object> obj, String name) throws RwtProtocolException {
    return obj.containsKey(name) ? string(obj, name) : null;
  }

  static boolean bool(Map<String, Object> obj, String name) throws RwtProtocolException {
    if (!(require(obj, name) instanceof Boolean b)) {
      throw RwtProtocolException.protocol("field '" + name + "' must be a boolean");
    }
    return b;
  }

  /** A non-negative integer that fits a signed long. */
  static long unsigned(Map<String, Object> obj, String name) throws RwtProtocolException {
    if (!(require(obj, name) instanceof Long l) || l < 0) {
      throw RwtProtocolException.protocol("field '" + name + "' must be a non-negative integer");
    }
    return l;
  }

  /** A positive integer that fits an int. */
  static int positiveInt(Map<String, Object> obj, String name) throws RwtProtocolException {
    long v = unsigned(obj, name);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw RwtProtocolException.protocol("field '" + name + "' must be a positive int");
    }
    return (int) v;
  }

  /** A non-negative integer or null; the member itself must be present. */
  static Long nullableUnsigned(Map<String, Object> obj, String name) throws RwtProtocolException {
    return require(obj, name) == null ? null : unsigned(obj, name);
  }

  static byte[] bytes(Map<String, Object> obj, String name, int length) throws RwtProtocolException {
    return Base64Url.decode(string(obj, name), length, "field '" + name + "'");
  }

  static byte[] optionalBytes(Map<String, Object> obj, String name, int length) throws RwtProtocolException {
    return obj.containsKey(name) ? bytes(obj, name, length) : null;
  }
}
