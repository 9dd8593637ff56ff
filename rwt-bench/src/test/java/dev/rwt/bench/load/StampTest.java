package dev.rwt.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StampTest {

  @Test
  void carriesIdAndNanosPaddedToTheSize() {
    byte[] s = Stamp.make(42, 123_456_789L, 64);
    assertEquals(64, s.length);
    assertEquals(42, Stamp.id(s, 0));
    assertEquals(123_456_789L, Stamp.nanos(s, 0));
    assertEquals('x', s[63]);
  }

  @Test
  void isReadAtAnOffsetAsInAJsonString() {
    byte[] json = ("\"" + new String(Stamp.make(7, 99, 20), StandardCharsets.US_ASCII) + "\"")
        .getBytes(StandardCharsets.US_ASCII);
    assertEquals(7, Stamp.id(json, 1));
    assertEquals(99, Stamp.nanos(json, 1));
  }

  @Test
  void growsPastASizeTooSmallForItsHead() {
    assertEquals("12345:6:", new String(Stamp.make(12345, 6, 4), StandardCharsets.US_ASCII));
  }

  @Test
  void anythingElseIsNotAStamp() {
    assertEquals(-1, Stamp.id("hello".getBytes(StandardCharsets.US_ASCII), 0));
    assertEquals(-1, Stamp.nanos("12:".getBytes(StandardCharsets.US_ASCII), 0));
    assertEquals(-1, Stamp.id(new byte[0], 0));
  }
}
