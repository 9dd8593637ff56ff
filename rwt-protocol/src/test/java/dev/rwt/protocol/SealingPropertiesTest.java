package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Randomized properties of sealing and opening (seeded; failures name their case seed). */
class SealingPropertiesTest {

  /** A random frame a sender in {@code dir} may seal, and how. */
  record Case(Direction dir, long epoch, FrameType type, int channel, byte[] payload, SealOptions options) {}

  static Case randomCase(SplittableRandom r) {
    Direction dir = r.nextBoolean() ? Direction.C2S : Direction.S2C;
    List<FrameType> types = new ArrayList<>();
    for (FrameType t : FrameType.values()) {
      if (t.batchable() && t.allowedIn(dir)) {
        types.add(t);
      }
    }
    FrameType type = types.get(r.nextInt(types.size()));
    boolean json = type.hasJsonBody() || (!type.hasU64Body() && r.nextBoolean());
    byte[] payload;
    if (type.hasU64Body()) {
      payload = new byte[RwtWire.U64_BODY_LENGTH];
      r.nextBytes(payload);
    } else if (json) {
      payload = Json.write(randomJson(r, 3));
    } else {
      payload = r.nextBoolean() ? Randomized.bytes(r, 300) : new byte[r.nextInt(2000)];
    }
    SealOptions o = json ? SealOptions.json() : SealOptions.binary();
    if (r.nextBoolean()) {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("from", r.nextBoolean() ? null : "p-" + r.nextInt(100));
      meta.put("id", "m-" + r.nextInt(1000));
      meta.put("ts", r.nextLong(0, Long.MAX_VALUE));
      o = o.withMeta(meta);
    }
    if (r.nextBoolean()) {
      o = o.deflated();
    }
    if (r.nextBoolean()) {
      o = o.encrypted();
    }
    return new Case(dir, r.nextInt(6), type, r.nextInt(RwtWire.MAX_CHANNEL + 1), payload, o);
  }

  static Object randomJson(SplittableRandom r, int depth) {
    int kind = r.nextInt(depth > 0 ? 7 : 5);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return r.nextBoolean();
      case 2:
        return r.nextLong();
      case 3:
        return "s\"\\\n\u00e9\u4e2d" + r.nextInt(1000);
      case 4:
        return new java.math.BigDecimal(r.nextInt(100000)).movePointLeft(2);
      case 5:
        List<Object> list = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          list.add(randomJson(r, depth - 1));
        }
        return list;
      default:
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          m.put("k" + i, randomJson(r, depth - 1));
        }
        return m;
    }
  }

  static SecureSession sender(Case c) throws RwtProtocolException {
    return Fixtures.session(c.dir(), c.epoch(), 0, new AtomicLong());
  }

  static SecureSession receiver(Case c) throws RwtProtocolException {
    return Fixtures.session(c.dir().reverse(), c.epoch(), 0, new AtomicLong());
  }

  @Test
  void randomFramesOfEveryFlagComboRoundTrip() {
    Randomized.forAll(20261125L, Randomized.scaled(500), r -> {
      Case c = randomCase(r);
      long seq = 1 + r.nextLong(0, 1L << 40);
      byte[] sealed = sender(c).seal(c.type(), c.channel(), seq, c.payload(), c.options());
      OpenedFrame o = receiver(c).open(sealed).get(0);
      assertEquals(c.type(), o.type());
      assertEquals(c.channel(), o.channel());
      assertEquals(seq, o.seq());
      assertEquals(c.epoch(), o.epoch());
      assertArrayEquals(c.payload(), o.payload());
      assertEquals(c.options().meta(), o.meta());
      assertEquals(c.options().flags() & ~RwtWire.FLAG_DEFLATE, o.flags() & ~RwtWire.FLAG_DEFLATE);
      if (c.options().isJson()) {
        assertEquals(new String(c.payload(), StandardCharsets.UTF_8), Json.toString(o.json()));
      }
    });
  }

  @Test
  void anySingleBitFlipIsRejectedWith4000Or4010AndLeavesNoTrace() {
    Randomized.forAll(42L, Randomized.scaled(150), r -> {
      Case c = randomCase(r);
      byte[] sealed = sender(c).seal(c.type(), c.channel(), 7, c.payload(), c.options());
      SecureSession receiver = receiver(c);
      int bits = sealed.length * Byte.SIZE;
      int checks = Math.min(bits, 400);
      for (int i = 0; i < checks; i++) {
        int bit = bits <= 400 ? i : r.nextInt(bits);
        byte[] flipped = sealed.clone();
        flipped[bit / Byte.SIZE] ^= (byte) (1 << (bit % Byte.SIZE));
        try {
          receiver.open(flipped);
          fail("bit " + bit + " flipped was accepted");
        } catch (RwtProtocolException e) {
          assertTrue(e.code() == 4000 || e.code() == 4010, "bit " + bit + " gave " + e);
        }
      }
      assertEquals(0, receiver.lastReceivedSeq());
      assertArrayEquals(c.payload(), receiver.open(sealed).get(0).payload());
    });
  }

  @Test
  void everyTruncationIsRejected() {
    Randomized.forAll(7L, Randomized.scaled(100), r -> {
      Case c = randomCase(r);
      byte[] sealed = sender(c).seal(c.type(), c.channel(), 1, c.payload(), c.options());
      SecureSession receiver = receiver(c);
      for (int n = 0; n < sealed.length; n++) {
        byte[] cut = java.util.Arrays.copyOf(sealed, n);
        try {
          receiver.open(cut);
          fail("truncated to " + n + " was accepted");
        } catch (RwtProtocolException e) {
          assertTrue(e.code() == 4000 || e.code() == 4010, "length " + n + " gave " + e);
        }
      }
    });
  }

  @Test
  void randomBatchesOpenEntryByEntryInOrder() {
    Randomized.forAll(99L, Randomized.scaled(100), r -> {
      Direction dir = r.nextBoolean() ? Direction.C2S : Direction.S2C;
      SecureSession sender = Fixtures.session(dir, 1, 0, new AtomicLong());
      SecureSession receiver = Fixtures.session(dir.reverse(), 1, 0, new AtomicLong());
      List<byte[]> frames = new ArrayList<>();
      List<byte[]> payloads = new ArrayList<>();
      for (int i = 1 + r.nextInt(8); i > 0; i--) {
        byte[] p = Randomized.bytes(r, 100);
        payloads.add(p);
        SealOptions o = r.nextBoolean() ? SealOptions.binary().encrypted() : SealOptions.binary();
        frames.add(sender.sealNext(FrameType.MESSAGE, 1 + r.nextInt(9), p, o).bytes());
      }
      List<OpenedFrame> opened = receiver.open(Batch.pack(frames, sender.maxFrameBytes()));
      assertEquals(frames.size(), opened.size());
      for (int i = 0; i < frames.size(); i++) {
        assertArrayEquals(payloads.get(i), opened.get(i).payload());
        assertEquals(i + 1, opened.get(i).seq());
      }
    });
  }
}
