package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayedMessageTest {

  private static Map<String, Object> meta() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("from", "alice");
    meta.put("id", "m-1z");
    meta.put("ts", 1_700_000_000_000L);
    return meta;
  }

  private static final RelayedMessage MESSAGE =
      new RelayedMessage("node-a", 7, "prices.eu", meta(), "{\"n\":1}".getBytes(StandardCharsets.UTF_8), true, true);

  @Test
  void aMessageComesBackAsItWasSent() {
    RelayedMessage back = RelayedMessage.decode(MESSAGE.encode());
    assertEquals("node-a", back.origin());
    assertEquals(7, back.serial());
    assertEquals("prices.eu", back.channel());
    assertEquals(meta(), back.meta());
    assertArrayEquals(MESSAGE.payload(), back.payload());
    assertTrue(back.json());
    assertTrue(back.encrypted());
  }

  @Test
  void aServerMessageKeepsItsNullSenderAndBinaryPayload() {
    Map<String, Object> meta = meta();
    meta.put("from", null);
    RelayedMessage back = RelayedMessage.decode(new RelayedMessage("n", 1, "c", meta, new byte[] {0, -1}, false, false).encode());
    assertEquals(meta, back.meta());
    assertArrayEquals(new byte[] {0, -1}, back.payload());
    assertFalse(back.json());
    assertFalse(back.encrypted());
  }

  @Test
  void anotherVersionIsRefused() {
    byte[] bytes = MESSAGE.encode();
    bytes[0] = 1;
    assertEquals(
        "backplane message version 1, expected 2",
        assertThrows(IllegalArgumentException.class, () -> RelayedMessage.decode(bytes)).getMessage());
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] bytes = MESSAGE.encode();
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThrows(IllegalArgumentException.class, () -> RelayedMessage.decode(cut), "cut at " + length);
    }
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] bytes = Arrays.copyOf(MESSAGE.encode(), MESSAGE.encode().length + 1);
    assertThrows(IllegalArgumentException.class, () -> RelayedMessage.decode(bytes));
  }
}
