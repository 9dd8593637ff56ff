package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeflateAndMetaTest {
  private static final int FIFTY_MB = 50 * 1024 * 1024;

  @Test
  void deflateRoundTripsWithinTheLimit() throws Exception {
    byte[] data = "hello hello hello hello".repeat(100).getBytes();
    assertArrayEquals(data, Deflate.inflate(Deflate.compress(data), data.length));
  }

  @Test
  void inflatingOneByteOverTheLimitClosesWith4009() {
    byte[] data = new byte[1000];
    byte[] packed = Deflate.compress(data);
    assertEquals(4009, assertThrows(RwtProtocolException.class, () -> Deflate.inflate(packed, 999)).code());
  }

  @Test
  void deflateBombOf50MegabytesOfZerosClosesWith4009() throws Exception {
    byte[] bomb = Deflate.compress(new byte[FIFTY_MB]);
    SecureSession receiver = Fixtures.session(Direction.S2C, 0, 0, new AtomicLong());
    byte[] frame = FrameSealer.seal(Direction.C2S, Fixtures.epochKeys(Direction.C2S, 0), FrameType.MESSAGE,
        RwtWire.FLAG_DEFLATE, 1, 1, bomb);
    RwtProtocolException e = assertThrows(RwtProtocolException.class, () -> receiver.open(frame));
    assertEquals(CloseCode.TOO_LARGE, e.closeCode());
    assertEquals(0, receiver.lastReceivedSeq());
  }

  @Test
  void truncatedOrTrailingDeflateDataClosesWith4000() {
    byte[] packed = Deflate.compress("some text to compress, some text".getBytes());
    byte[] cut = Arrays.copyOf(packed, packed.length - 2);
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> Deflate.inflate(cut, 1000)).code());
    byte[] longer = Arrays.copyOf(packed, packed.length + 3);
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> Deflate.inflate(longer, 1000)).code());
    assertEquals(4000, assertThrows(RwtProtocolException.class,
        () -> Deflate.inflate(new byte[] {(byte) 0xFF, 0x00, 0x12}, 1000)).code());
  }

  @Test
  void metaIsALengthPrefixedJsonObjectBeforeThePayload() throws Exception {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("from", null);
    meta.put("id", "m-1");
    byte[] joined = Meta.join(meta, new byte[] {9, 8});
    assertEquals("0018", Vectors.toHex(Arrays.copyOf(joined, 2)));
    Meta.Split split = Meta.split(joined);
    assertEquals(meta, split.meta());
    assertArrayEquals(new byte[] {9, 8}, split.payload());
  }

  @Test
  void metaLengthPastTheBodyClosesWith4000() {
    assertEquals(4000, assertThrows(RwtProtocolException.class,
        () -> Meta.split(new byte[] {0, 10, '{', '}'})).code());
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> Meta.split(new byte[] {0})).code());
    assertEquals(4000, assertThrows(RwtProtocolException.class,
        () -> Meta.split(new byte[] {0, 2, '[', ']'})).code());
  }

  @Test
  void deflateIsSkippedWhenItWouldNotShrinkTheBody() {
    Plaintext p = Plaintext.prepare(new byte[] {1, 2, 3}, SealOptions.binary().deflated());
    assertEquals(0, p.flags() & RwtWire.FLAG_DEFLATE);
    Plaintext q = Plaintext.prepare(new byte[4096], SealOptions.binary().deflated());
    assertEquals(RwtWire.FLAG_DEFLATE, q.flags() & RwtWire.FLAG_DEFLATE);
    assertEquals(4096, q.inflatedLength());
  }
}
