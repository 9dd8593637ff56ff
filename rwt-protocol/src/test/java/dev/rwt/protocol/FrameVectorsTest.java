package dev.rwt.protocol;

import static dev.rwt.protocol.Vectors.hex;
import static dev.rwt.protocol.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameVectorsTest {

  static Stream<Arguments> frames() {
    return Vectors.list(Vectors.root().get("frames")).stream()
        .map(Vectors::map)
        .map(f -> Arguments.of(Vectors.str(f, "name"), f));
  }

  static Stream<Arguments> rejectedFrames() {
    return Vectors.list(Vectors.section("mustReject").get("frames")).stream()
        .map(Vectors::map)
        .map(f -> Arguments.of(Vectors.str(f, "why"), f));
  }

  static Stream<Arguments> rejectedBatches() {
    return Vectors.list(Vectors.section("batch").get("mustReject")).stream()
        .map(Vectors::map)
        .map(f -> Arguments.of(Vectors.str(f, "why"), f));
  }

  static Direction dir(Map<String, Object> f) {
    return "c2s".equals(f.get("dir")) ? Direction.C2S : Direction.S2C;
  }

  static byte[] plaintext(Map<String, Object> f) {
    return f.containsKey("plaintext") ? Vectors.str(f, "plaintext").getBytes(StandardCharsets.UTF_8)
        : hex(f, "plaintextHex");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void vectorFrameSealsToTheExactHex(String name, Map<String, Object> f) throws Exception {
    EpochKeys keys = Fixtures.epochKeys(dir(f), Vectors.num(f, "epoch"));
    byte[] sealed = FrameSealer.seal(dir(f), keys, FrameType.fromCode((int) Vectors.num(f, "type")),
        (int) Vectors.num(f, "flags"), (int) Vectors.num(f, "channel"), Vectors.num(f, "seq"), plaintext(f));
    assertEquals(f.get("hex"), toHex(sealed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void vectorFrameSealedBySessionAtItsEpochMatches(String name, Map<String, Object> f) throws Exception {
    SecureSession sender = Fixtures.session(dir(f), Vectors.num(f, "epoch"), 0, new AtomicLong());
    int flags = (int) Vectors.num(f, "flags");
    byte[] sealed = sender.seal(FrameType.fromCode((int) Vectors.num(f, "type")), (int) Vectors.num(f, "channel"),
        Vectors.num(f, "seq"), plaintext(f), SealOptions.ofFlags(flags, null));
    assertEquals(f.get("hex"), toHex(sealed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frames")
  void vectorFrameOpensBackToItsPlaintext(String name, Map<String, Object> f) throws Exception {
    SecureSession receiver = Fixtures.session(dir(f).reverse(), Vectors.num(f, "epoch"), 0, new AtomicLong());
    List<OpenedFrame> opened = receiver.open(hex(f, "hex"));
    assertEquals(1, opened.size());
    OpenedFrame o = opened.get(0);
    assertArrayEquals(plaintext(f), o.payload());
    assertEquals(Vectors.num(f, "type"), o.type().code());
    assertEquals(Vectors.num(f, "flags"), o.flags());
    assertEquals(Vectors.num(f, "channel"), o.channel());
    assertEquals(Vectors.num(f, "seq"), o.seq());
    assertEquals(Vectors.num(f, "epoch"), o.epoch());
    assertEquals(Vectors.num(f, "seq"), receiver.lastReceivedSeq());
  }

  @Test
  void decodeOnlyMetaDeflateEncFrameOpensToItsMetaAndPlaintext() throws Exception {
    Map<String, Object> f = Vectors.map(Vectors.list(Vectors.root().get("decodeOnly")).get(0));
    SecureSession receiver = Fixtures.session(Direction.C2S, Vectors.num(f, "epoch"), 0, new AtomicLong());
    OpenedFrame o = receiver.open(hex(f, "hex")).get(0);
    assertEquals(FrameType.MESSAGE, o.type());
    assertEquals(15, o.flags());
    assertEquals(3, o.channel());
    assertEquals(11, o.seq());
    assertEquals(f.get("meta"), o.meta());
    assertEquals(Vectors.str(f, "plaintext"), new String(o.payload(), StandardCharsets.UTF_8));
    assertEquals("ACME", Vectors.map(o.json()).get("symbol"));
  }

  @Test
  void ourOwnMetaDeflateEncFrameOpensTheSameWay() throws Exception {
    Map<String, Object> f = Vectors.map(Vectors.list(Vectors.root().get("decodeOnly")).get(0));
    AtomicLong clock = new AtomicLong();
    SecureSession sender = Fixtures.session(Direction.S2C, 2, 0, clock);
    SecureSession receiver = Fixtures.session(Direction.C2S, 2, 0, new AtomicLong());
    byte[] sealed = sender.seal(FrameType.MESSAGE, 3, 11, Vectors.str(f, "plaintext").getBytes(StandardCharsets.UTF_8),
        SealOptions.json().withMeta(Vectors.map(f.get("meta"))).deflated().encrypted());
    assertEquals(15, sealed[RwtWire.OFFSET_FLAGS]);
    OpenedFrame o = receiver.open(sealed).get(0);
    assertEquals(f.get("meta"), o.meta());
    assertEquals(Vectors.str(f, "plaintext"), new String(o.payload(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedFrames")
  void damagedFrameIsRefusedByAReceiverAtEpoch2(String why, Map<String, Object> f) throws Exception {
    SecureSession receiver = Fixtures.session(Direction.S2C, 2, 0, new AtomicLong());
    RwtProtocolException e = assertThrows(RwtProtocolException.class, () -> receiver.open(hex(f, "hex")));
    assertEquals(Vectors.num(f, "close"), e.code(), why);
    assertEquals(0, receiver.lastReceivedSeq());
  }

  @Test
  void validBatchOpensBothEntriesInOrder() throws Exception {
    Map<String, Object> b = Vectors.map(Vectors.section("batch").get("valid"));
    SecureSession receiver = Fixtures.session(Direction.C2S, 1, 8, new AtomicLong());
    List<OpenedFrame> opened = receiver.open(hex(b, "hex"));
    assertEquals(2, opened.size());
    assertEquals(FrameType.MESSAGE, opened.get(0).type());
    assertEquals(9, opened.get(0).seq());
    assertEquals("00010203fffefd", toHex(opened.get(0).payload()));
    assertEquals(FrameType.PING, opened.get(1).type());
    assertEquals(10, opened.get(1).seq());
    assertEquals(0x18bcfe59839L, opened.get(1).u64());
    assertEquals(10, receiver.lastReceivedSeq());
  }

  @Test
  void validBatchIsPackedFromItsEntriesByteForByte() {
    Map<String, Object> b = Vectors.map(Vectors.section("batch").get("valid"));
    List<byte[]> entries = new ArrayList<>();
    for (Object e : Vectors.list(b.get("entries"))) {
      entries.add(Vectors.HEX.parseHex((String) e));
    }
    assertEquals(b.get("hex"), toHex(Batch.pack(entries, 1_048_576)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedBatches")
  void badBatchIsRefusedByAReceiverAtEpoch1WithLastSeq8(String why, Map<String, Object> f) throws Exception {
    SecureSession receiver = Fixtures.session(Direction.C2S, 1, 8, new AtomicLong());
    RwtProtocolException e = assertThrows(RwtProtocolException.class, () -> receiver.open(hex(f, "hex")));
    assertEquals(Vectors.num(f, "close"), e.code(), why);
    assertEquals(8, receiver.lastReceivedSeq());
  }

  @Test
  void welcomeVectorIsParsedWithNullIdentity() throws Exception {
    Welcome w = Fixtures.vectorWelcome();
    assertNull(w.identity());
    assertEquals(1_048_576, w.maxFrameBytes());
  }
}
