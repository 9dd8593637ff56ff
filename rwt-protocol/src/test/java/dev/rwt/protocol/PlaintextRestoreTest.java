package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaintextRestoreTest {

  private static final byte[] PAYLOAD = ("{\"text\":\"" + "abc".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);

  @Test
  void aDeflatedBodyIsRestoredAsPrepared() {
    Plaintext prepared = Plaintext.prepare(PAYLOAD, SealOptions.json().withMeta(Map.of("from", "a")).deflated());
    Plaintext restored = Plaintext.restore(prepared.body(), prepared.flags(), prepared.inflatedLength());
    assertEquals(RwtWire.FLAG_DEFLATE, restored.flags() & RwtWire.FLAG_DEFLATE);
    assertEquals(prepared.inflatedLength(), restored.inflatedLength());
    assertArrayEquals(prepared.body(), restored.body());
  }

  @Test
  void bodyIsACopy() {
    Plaintext prepared = Plaintext.prepare(PAYLOAD, SealOptions.json());
    prepared.body()[0] = 0;
    assertEquals('{', prepared.body()[0]);
  }

  @Test
  void aPlainBodyMustHaveItsOwnLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Plaintext.restore(new byte[10], RwtWire.FLAG_JSON, 11));
    assertEquals("inflated length 11 does not fit a body of 10 bytes", e.getMessage());
  }

  @Test
  void aDeflatedBodyMustHaveBeenLonger() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Plaintext.restore(new byte[10], RwtWire.FLAG_DEFLATE, 10));
    assertEquals("inflated length 10 does not fit a body of 10 bytes (deflated)", e.getMessage());
  }

  @Test
  void undefinedFlagsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Plaintext.restore(new byte[1], 0x40, 1));
    assertEquals("undefined flags 0x40", e.getMessage());
  }
}
