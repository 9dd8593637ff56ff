package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rwt.api.RwtException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

  private final PayloadCodec codec = new PayloadCodec();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void simpleValuesWrittenDirectlyReadBackAsJsonBReadsThem() {
    for (Object value : List.of("plain", "quote \" backslash \\ newline \n tab \t", "caf\u00e9 \u263a \ud83d\ude00",
        "\u0001\u001f", true, 42, -7L, Long.MAX_VALUE)) {
      byte[] direct = codec.toJson(value);
      assertEquals(value, codec.fromJson(direct, value.getClass()), new String(direct, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aStringIsReadDirectlyAndAnythingElseStillGoesThroughJsonB() {
    assertEquals("a\"b", codec.fromJson(utf8("\"a\\\"b\""), String.class));
    assertEquals(Map.of("k", 1), codec.fromJson(utf8("{\"k\":1}"), new java.util.HashMap<String, Integer>() { }
        .getClass().getGenericSuperclass()));
    assertThrows(RwtException.class, () -> codec.fromJson(utf8("\"unterminated"), String.class));
  }

  @Test
  void objectsStillGoThroughJsonB() {
    assertEquals("{\"a\":1}", new String(codec.toJson(Map.of("a", 1)), StandardCharsets.UTF_8));
  }
}
