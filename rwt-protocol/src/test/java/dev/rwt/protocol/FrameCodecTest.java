package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private static final String ACK_HEX =
      "0111000000000000000000000300000000f257b36eba2b7f66f9ddcc2ecadd4b050000000000000009";

  @Test
  void decodedFrameEncodesToTheSameBytes() throws Exception {
    byte[] wire = Vectors.HEX.parseHex(ACK_HEX);
    Frame f = FrameCodec.decode(wire);
    assertEquals(FrameType.ACK, f.type());
    assertEquals(3, f.seq());
    assertEquals(0, f.epoch());
    assertArrayEquals(wire, FrameCodec.encode(f));
  }

  @Test
  void headerIsSeventeenBytesInWireOrder() {
    byte[] h = FrameCodec.header(FrameType.MESSAGE, RwtWire.FLAG_JSON, 0x0102, 0x0304050607080910L, 0xA1B2C3D4L);
    assertEquals("011004010203040506070809" + "10a1b2c3d4", Vectors.toHex(h));
  }

  @Test
  void frameShorterThanAHeaderClosesWith4000() {
    for (int n = 0; n < RwtWire.HEADER_LENGTH; n++) {
      assertEquals(4000, assertThrows(RwtProtocolException.class, () -> FrameCodec.decode(new byte[0])).code());
      byte[] wire = Vectors.HEX.parseHex(ACK_HEX);
      byte[] cut = java.util.Arrays.copyOf(wire, n);
      assertEquals(4000, assertThrows(RwtProtocolException.class, () -> FrameCodec.decode(cut)).code());
    }
  }

  @Test
  void unknownVersionClosesWith4000() {
    byte[] wire = Vectors.HEX.parseHex(ACK_HEX);
    wire[RwtWire.OFFSET_VERSION] = 2;
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> FrameCodec.decode(wire)).code());
  }

  @Test
  void unknownTypeClosesWith4000() {
    byte[] wire = Vectors.HEX.parseHex(ACK_HEX);
    wire[RwtWire.OFFSET_TYPE] = 0x12;
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> FrameCodec.decode(wire)).code());
  }

  @Test
  void undefinedFlagBitClosesWith4000() {
    byte[] wire = Vectors.HEX.parseHex(ACK_HEX);
    wire[RwtWire.OFFSET_FLAGS] = 0x10;
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> FrameCodec.decode(wire)).code());
  }

  @Test
  void everyFrameTypeRoundTripsThroughItsCode() throws Exception {
    for (FrameType t : FrameType.values()) {
      assertEquals(t, FrameType.fromCode(t.code()));
    }
    assertEquals(0x07, FrameType.REFRESH.code());
    assertEquals(0x08, FrameType.REFRESHED.code());
    assertEquals(0x0F, FrameType.BATCH.code());
    assertEquals(0x3F, FrameType.ERROR.code());
  }

  @Test
  void frameToStringShowsNeitherTokenNorBody() throws Exception {
    String s = FrameCodec.decode(Vectors.HEX.parseHex(ACK_HEX)).toString();
    assertEquals(-1, s.indexOf("f257b36e"));
    assertEquals("Frame[ACK flags=0x0 channel=0 seq=3 epoch=0 body=8B]", s);
  }
}
