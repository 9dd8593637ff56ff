package dev.rwt.protocol;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser. Objects become {@link LinkedHashMap} (member order kept),
 * arrays {@link ArrayList}, strings {@link String}, integers that fit a long {@link Long},
 * other numbers {@link BigDecimal}, booleans {@link Boolean}, and {@code null} null.
 *
 * <p>Rejects (with PROTOCOL): invalid UTF-8, a byte order mark, trailing content, comments,
 * single quotes, trailing commas, leading zeros, raw control characters in strings,
 * duplicate member names (ambiguous to a verifier), nesting deeper than {@link #MAX_DEPTH},
 * number literals longer than {@link #MAX_NUMBER_CHARS} (so a hostile peer cannot make
 * big-number parsing quadratic), and numbers of 10^{@link #MAX_MAGNITUDE} or more, or under
 * 10^-{@link #MAX_MAGNITUDE} (so a short literal such as {@code 1e999999999} cannot make a
 * later conversion to an integer explode). One instance parses one document; not
 * thread-safe, and {@link Json#parse} hides instances altogether.
 */
final class JsonReader {
  static final int MAX_DEPTH = 256;
  static final int MAX_NUMBER_CHARS = 1000;
  /** Digits before the point, at most: far past a double's range, far short of a CPU bomb. */
  static final int MAX_MAGNITUDE = 1000;

  private final String s;
  private int pos;

  private JsonReader(String s) {
    this.s = s;
  }

  static Object parse(byte[] utf8) throws RwtProtocolException {
    String text = decode(utf8);
    JsonReader r = new JsonReader(text);
    r.skipWhitespace();
    Object value = r.value(0);
    r.skipWhitespace();
    if (r.pos != text.length()) {
      throw r.error("trailing content");
    }
    return value;
  }

  /**
   * The text of {@code utf8}, which must be valid UTF-8. Most documents on the wire (META, RPC
   * bodies, control frames) are ASCII, which is valid UTF-8 byte for byte and needs no decoder.
   */
  private static String decode(byte[] utf8) throws RwtProtocolException {
    if (isAscii(utf8)) {
      return new String(utf8, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw RwtProtocolException.protocol("JSON is not valid UTF-8");
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private Object value(int depth) throws RwtProtocolException {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Map<String, Object> object(int depth) throws RwtProtocolException {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object v = value(depth + 1);
      if (map.containsKey(name)) {
        throw error("duplicate member name");
      }
      map.put(name, v);
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws RwtProtocolException {
    pos++;
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() throws RwtProtocolException {
    pos++;
    // most strings have no escape: one scan, one copy
    int start = pos;
    int i = start;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        pos = i + 1;
        return s.substring(start, i);
      }
      if (c == '\\' || c < 0x20) {
        break;
      }
    }
    return escapedString(start, i);
  }

  /**
   * The string that starts at {@code start}, whose plain prefix runs up to {@code from}, then
   * character by character (it has an escape, or is bad).
   */
  private String escapedString(int start, int from) throws RwtProtocolException {
    pos = from;
    StringBuilder sb = new StringBuilder().append(s, start, from);
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> sb.append(hex4());
        default -> throw error("bad escape");
      }
    }
  }

  private char hex4() throws RwtProtocolException {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(next(), 16);
      if (d < 0) {
        throw error("bad \\u escape");
      }
      v = (v << 4) | d;
    }
    return (char) v;
  }

  private Object number() throws RwtProtocolException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("bad number");
    }
    boolean integral = true;
    if (peek() == '.') {
      pos++;
      integral = false;
      requireDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      integral = false;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      requireDigits();
    }
    if (pos - start > MAX_NUMBER_CHARS) {
      throw error("number literal too long");
    }
    if (integral && pos - start <= 18) {
      // at most 18 digits: always within a long, no need for a string or an overflow check
      return smallInteger(start);
    }
    String literal = s.substring(start, pos);
    if (integral && literal.length() <= 20) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException ignored) {
        // beyond long: fall through to BigDecimal
      }
    }
    BigDecimal value;
    try {
      value = new BigDecimal(literal);
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("number out of range");
    }
    // 1e999999999 is eleven characters, but turning it into a BigInteger (as a JSON-B binding
    // to BigInteger or BigInteger-backed types does) would take the CPU for hours
    long magnitude = (long) value.precision() - value.scale();
    if (value.signum() != 0 && (magnitude > MAX_MAGNITUDE || magnitude <= -MAX_MAGNITUDE)) {
      throw error("number out of range");
    }
    return value;
  }

  private long smallInteger(int start) {
    int i = start;
    boolean negative = s.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    for (; i < pos; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return negative ? -v : v;
  }

  private void requireDigits() throws RwtProtocolException {
    if (!isDigit(peek())) {
      throw error("bad number");
    }
    digits();
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) throws RwtProtocolException {
    if (!s.startsWith(word, pos)) {
      throw error("bad literal");
    }
    pos += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /** The next character, or NUL at the end (NUL never matches what callers look for). */
  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private char next() throws RwtProtocolException {
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(pos++);
  }

  private void expect(char c) throws RwtProtocolException {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private RwtProtocolException error(String what) {
    return RwtProtocolException.protocol("invalid JSON at " + pos + ": " + what);
  }
}
