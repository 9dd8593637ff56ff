package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void writerIsCompactAndKeepsInsertionOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", List.of(true, false));
    m.put("m", null);
    m.put("s", "x\"y\\z\n\u0001é");
    assertEquals("{\"z\":1,\"a\":[true,false],\"m\":null,\"s\":\"x\\\"y\\\\z\\n\\u0001é\"}", Json.toString(m));
  }

  @Test
  void readerKeepsMemberOrderAndTypes() throws Exception {
    Map<String, Object> m = Vectors.map(Json.parse("{\"b\":1,\"a\":-2.5e1,\"c\":[null,\"\\u00e9\\/\"],\"d\":{}}"));
    assertEquals(List.of("b", "a", "c", "d"), List.copyOf(m.keySet()));
    assertEquals(1L, m.get("b"));
    assertEquals(new BigDecimal("-2.5e1"), m.get("a"));
    assertEquals("é/", Vectors.list(m.get("c")).get(1));
    assertNull(Vectors.list(m.get("c")).get(0));
  }

  @Test
  void bigIntegersBeyondLongBecomeBigDecimal() throws Exception {
    assertEquals(new BigDecimal("18446744073709551615"), Json.parse("18446744073709551615"));
    assertEquals(Long.MAX_VALUE, Json.parse(Long.toString(Long.MAX_VALUE)));
  }

  @Test
  void integersReadTheSameEitherSideOfTheShortcutForEighteenCharacters() throws Exception {
    for (String n : List.of("0", "-0", "7", "-7", "999999999999999999", "-99999999999999999", "-999999999999999999",
        "1000000000000000000", "9223372036854775807", "-9223372036854775808")) {
      assertEquals(Long.parseLong(n), Json.parse(n), n);
    }
    assertEquals(new BigDecimal("-9223372036854775809"), Json.parse("-9223372036854775809"));
  }

  @Test
  void stringsReadTheSameWithAndWithoutEscapes() throws Exception {
    assertEquals("plain", Json.parse("\"plain\""));
    assertEquals("", Json.parse("\"\""));
    assertEquals("a\"b", Json.parse("\"a\\\"b\""));
    assertEquals("tail\n", Json.parse("\"tail\\n\""));
    assertEquals("h\u00e9llo \u20ac", Json.parse("\"h\u00e9llo \u20ac\""));
    assertEquals(List.of("x", "y\u00e9"), Json.parse("[\"x\",\"y\\u00e9\"]"));
  }

  @Test
  void writerEscapesOnlyWhatNeedsIt() {
    assertEquals("\"plain \u00e9\"", Json.toString("plain \u00e9"));
    assertEquals("\"end\\\\\"", Json.toString("end\\"));
  }

  @Test
  void aStringIsWrittenTheSameWithAndWithoutEscapes() {
    for (String text : new String[] {"", "plain", "plain \u00e9 \ud83d\ude00", "quote \" inside", "tab\t"}) {
      StringBuilder sb = new StringBuilder();
      JsonWriter.append(sb, text);
      assertArrayEquals(sb.toString().getBytes(StandardCharsets.UTF_8), Json.write(text), text);
    }
    assertArrayEquals("\"\"".getBytes(StandardCharsets.UTF_8), Json.write(""));
  }

  @Test
  void writtenJsonReadsBackEqual() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", null);
    m.put("id", "m-42");
    m.put("ts", 1_700_000_001_000L);
    m.put("nested", List.of(Map.of("k", "v")));
    assertEquals(m, Json.parse(Json.write(m)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "01", "-", "1.", "1e", ".5", "+1", "NaN",
      "'a'", "\"a", "\"\\x\"", "\"\\u12\"", "\"tab\there\"", "\"ok\u0001\"", "\"\\\"", "\"\\u00e9",
      "{\"a\" 1}", "{a:1}", "[1 2]", "tru", "nulls", "1 2", "{\"a\":1,\"a\":2}", "/* c */ 1", "\uFEFF1"})
  void invalidJsonIsAProtocolError(String text) {
    RwtProtocolException e = assertThrows(RwtProtocolException.class, () -> Json.parse(text));
    assertEquals(CloseCode.PROTOCOL, e.closeCode());
  }

  @Test
  void invalidUtf8IsAProtocolError() {
    assertThrows(RwtProtocolException.class, () -> Json.parse(new byte[] {'"', (byte) 0xC3, '"'}));
  }

  @Test
  void deepNestingIsAProtocolErrorNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> Json.parse(deep)).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "-1E+1000", "1e-1001", "[0.5e1001]", "{\"by\":1e2000}"})
  void aShortLiteralOfAnEnormousNumberIsAProtocolError(String text) {
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> Json.parse(text)).code());
  }

  @Test
  void numbersUpToAThousandDigitsEitherSideOfThePointAreRead() throws Exception {
    assertEquals(new BigDecimal("1e999"), Json.parse("1e999"));
    assertEquals(new BigDecimal("-1e-999"), Json.parse("-1e-999"));
    assertEquals(new BigDecimal("0e999999999"), Json.parse("0e999999999"));
  }

  @Test
  void hugeNumberLiteralIsRefused() {
    assertThrows(RwtProtocolException.class, () -> Json.parse("1" + "0".repeat(5000)));
  }

  @Test
  void base64UrlDecodingIsStrict() throws Exception {
    assertEquals("AAECAw", Base64Url.encode(new byte[] {0, 1, 2, 3}));
    assertEquals(4, Base64Url.decode("AAECAw").length);
    assertThrows(RwtProtocolException.class, () -> Base64Url.decode("AAECAw=="));
    assertThrows(RwtProtocolException.class, () -> Base64Url.decode("AAEC+w"));
    assertThrows(RwtProtocolException.class, () -> Base64Url.decode("AAECAx"));
    assertThrows(RwtProtocolException.class, () -> Base64Url.decode("A"));
  }
}
