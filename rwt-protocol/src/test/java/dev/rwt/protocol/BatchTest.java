package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BatchTest {
  private final AtomicLong clock = new AtomicLong();

  private List<byte[]> sealedFrames(SecureSession sender, int n) {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      frames.add(sender.sealNext(FrameType.MESSAGE, 1, new byte[] {(byte) i}, SealOptions.binary()).bytes());
    }
    return frames;
  }

  @Test
  void packedFramesUnpackToTheSameEntries() throws Exception {
    List<byte[]> frames = sealedFrames(Fixtures.session(Direction.C2S, 0, 0, clock), 3);
    List<byte[]> back = Batch.unpack(Batch.pack(frames, 1 << 20), 1 << 20);
    assertEquals(3, back.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(frames.get(i), back.get(i));
    }
  }

  /** A queued frame that records when it is sealed. */
  private static Batch.Pending pending(byte[] sealed, boolean batchable, List<byte[]> sealedOrder) {
    return new Batch.Pending() {
      @Override
      public int length() {
        return sealed.length;
      }

      @Override
      public boolean batchable() {
        return batchable;
      }

      @Override
      public byte[] seal() {
        sealedOrder.add(sealed);
        return sealed;
      }
    };
  }

  @Test
  void aSenderTakesWhatIsQueuedUpToTheLimitAndSealsItInOrderAsOneBatch() throws Exception {
    List<byte[]> frames = sealedFrames(Fixtures.session(Direction.S2C, 0, 0, clock), 4);
    List<byte[]> sealedOrder = new ArrayList<>();
    ArrayDeque<Batch.Pending> queue = new ArrayDeque<>();
    frames.forEach(f -> queue.add(pending(f, true, sealedOrder)));
    int threeFit = 3 * (RwtWire.BATCH_ENTRY_PREFIX + frames.get(0).length);

    List<Batch.Pending> first = Batch.take(queue, threeFit);
    assertEquals(3, first.size());
    assertTrue(sealedOrder.isEmpty(), "nothing is sealed while it is taken off the queue");
    List<byte[]> entries = Batch.unpack(Batch.seal(first, threeFit), threeFit);
    assertEquals(3, entries.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(frames.get(i), entries.get(i));
      assertArrayEquals(frames.get(i), sealedOrder.get(i));
    }
    List<Batch.Pending> rest = Batch.take(queue, threeFit);
    assertEquals(1, rest.size());
    assertArrayEquals(frames.get(3), Batch.seal(rest, threeFit), "a frame that leaves alone is not wrapped");
    assertTrue(queue.isEmpty());
  }

  @Test
  void aFrameThatMayNotBeBatchedOrALimitOfZeroLeavesAlone() throws Exception {
    List<byte[]> frames = sealedFrames(Fixtures.session(Direction.S2C, 0, 0, clock), 3);
    List<byte[]> sealedOrder = new ArrayList<>();
    ArrayDeque<Batch.Pending> queue = new ArrayDeque<>();
    queue.add(pending(frames.get(0), false, sealedOrder));
    queue.add(pending(frames.get(1), true, sealedOrder));
    queue.add(pending(frames.get(2), true, sealedOrder));
    assertEquals(1, Batch.take(queue, 1 << 20).size(), "a WELCOME leaves alone");
    assertEquals(1, Batch.take(queue, 0).size(), "batching off");
    assertEquals(1, Batch.take(queue, 1 << 20).size());
  }

  @Test
  void batchOverMaxFrameBytesPlusHeaderClosesWith4009() throws Exception {
    List<byte[]> frames = sealedFrames(Fixtures.session(Direction.C2S, 0, 0, clock), 2);
    byte[] batch = Batch.pack(frames, 1 << 20);
    int limit = batch.length - RwtWire.HEADER_LENGTH - 1;
    assertEquals(4009, assertThrows(RwtProtocolException.class, () -> Batch.unpack(batch, limit)).code());
    Batch.unpack(batch, limit + 1);
  }

  @Test
  void packingOverTheLimitIsRefusedAtTheSender() throws Exception {
    List<byte[]> frames = sealedFrames(Fixtures.session(Direction.C2S, 0, 0, clock), 2);
    assertThrows(IllegalArgumentException.class, () -> Batch.pack(frames, 10));
    assertThrows(IllegalArgumentException.class, () -> Batch.pack(List.of(), 1 << 20));
  }

  @Test
  void helloOrWelcomeInsideABatchClosesWith4000() throws Exception {
    byte[] hello = Vectors.hex(Vectors.section("hello"), "hex");
    byte[] welcome = Vectors.hex(Vectors.section("welcome"), "hex");
    for (byte[] entry : List.of(hello, welcome)) {
      byte[] batch = rawBatch(entry);
      assertEquals(4000, assertThrows(RwtProtocolException.class, () -> Batch.unpack(batch, 1 << 20)).code());
    }
  }

  @Test
  void entryThatIsNotAFrameClosesWith4000() {
    byte[] batch = rawBatch(new byte[] {1, 2, 3});
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> Batch.unpack(batch, 1 << 20)).code());
  }

  @Test
  void batchEntryFailureKeepsTheEntriesBeforeItAndStopsThere() throws Exception {
    SecureSession sender = Fixtures.session(Direction.C2S, 0, 0, clock);
    List<byte[]> frames = sealedFrames(sender, 3);
    frames.get(2)[RwtWire.HEADER_LENGTH] ^= 1;
    SecureSession receiver = Fixtures.session(Direction.S2C, 0, 0, new AtomicLong());
    List<OpenedFrame> seen = new ArrayList<>();
    RwtProtocolException e = assertThrows(RwtProtocolException.class,
        () -> receiver.open(Batch.pack(frames, 1 << 20), seen::add));
    assertEquals(4010, e.code());
    assertEquals(2, seen.size());
    assertEquals(2, receiver.lastReceivedSeq());
  }

  @Test
  void replayedEntryInsideABatchClosesWith4011() throws Exception {
    SecureSession sender = Fixtures.session(Direction.C2S, 0, 0, clock);
    List<byte[]> frames = sealedFrames(sender, 2);
    SecureSession receiver = Fixtures.session(Direction.S2C, 0, 0, new AtomicLong());
    byte[] batch = Batch.pack(List.of(frames.get(0), frames.get(1), frames.get(0)), 1 << 20);
    assertEquals(4011, assertThrows(RwtProtocolException.class, () -> receiver.open(batch)).code());
  }

  @Test
  void batchEntriesAreJudgedByTheWindowAtTheBatchArrivalHoweverLongEarlierEntriesTake() throws Exception {
    List<byte[]> frames = sealedFrames(Fixtures.session(Direction.C2S, 3, 0, clock), 3);
    AtomicLong receiverClock = new AtomicLong();
    SecureSession receiver = Fixtures.session(Direction.S2C, 4, 0, receiverClock);
    long epoch5 = Fixtures.startOf(Fixtures.goldenSchedule(), 5) + 1;
    List<OpenedFrame> seen = new ArrayList<>();
    receiver.open(Batch.pack(frames, 1 << 20), f -> {
      seen.add(f);
      receiverClock.set(epoch5); // handling the first entry took so long that epoch 3 left the window
    });
    assertEquals(List.of(1L, 2L, 3L), seen.stream().map(OpenedFrame::seq).toList());
    assertEquals(List.of(3L, 3L, 3L), seen.stream().map(OpenedFrame::epoch).toList());
  }

  @Test
  void aMessageAfterTheBatchIsJudgedByTheWindowAtItsOwnArrival() throws Exception {
    SecureSession sender = Fixtures.session(Direction.C2S, 3, 0, clock);
    List<byte[]> frames = sealedFrames(sender, 2);
    byte[] later = sender.sealNext(FrameType.MESSAGE, 1, new byte[] {9}, SealOptions.binary()).bytes();
    AtomicLong receiverClock = new AtomicLong();
    SecureSession receiver = Fixtures.session(Direction.S2C, 4, 0, receiverClock);
    long epoch5 = Fixtures.startOf(Fixtures.goldenSchedule(), 5) + 1;
    receiver.open(Batch.pack(frames, 1 << 20), f -> receiverClock.set(epoch5));
    RwtProtocolException e = assertThrows(RwtProtocolException.class, () -> receiver.open(later));
    assertEquals(4010, e.code());
    assertEquals(2, receiver.lastReceivedSeq());
  }

  private static byte[] rawBatch(byte[] entry) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(RwtWire.HEADER_LENGTH + 4 + entry.length);
    b.put(FrameCodec.header(FrameType.BATCH, 0, 0, 0, 0)).put(new byte[RwtWire.TOKEN_LENGTH]);
    b.putInt(entry.length).put(entry);
    return b.array();
  }

  /** A queued frame that the session seals as it leaves, in place when it goes in a BATCH. */
  private static Batch.Pending inPlace(SecureSession session, long seq, Plaintext plaintext) {
    return new Batch.Pending() {
      @Override
      public int length() {
        return SecureSession.sealedLength(plaintext);
      }

      @Override
      public boolean batchable() {
        return true;
      }

      @Override
      public byte[] seal() {
        return session.seal(FrameType.MESSAGE, 2, seq, plaintext);
      }

      @Override
      public void sealInto(byte[] out, int offset) {
        session.sealInto(FrameType.MESSAGE, 2, seq, plaintext, out, offset);
      }
    };
  }

  @Test
  void aBatchSealedInPlaceHoldsTheBytesOfItsFramesSealedOneByOneAndOpens() throws Exception {
    for (SealOptions options : List.of(SealOptions.binary(), SealOptions.binary().encrypted(),
        SealOptions.json().withMeta(java.util.Map.of("id", "m-1")))) {
      AtomicLong otherClock = new AtomicLong();
      SecureSession inPlace = Fixtures.session(Direction.S2C, 3, 0, clock);
      SecureSession oneByOne = Fixtures.session(Direction.S2C, 3, 0, otherClock);
      List<Batch.Pending> pending = new ArrayList<>();
      List<byte[]> alone = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        Plaintext p = Plaintext.prepare(("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i * 40) + "\"}").getBytes(), options);
        pending.add(inPlace(inPlace, i, p));
        alone.add(oneByOne.seal(FrameType.MESSAGE, 2, i, p));
      }
      byte[] batch = Batch.seal(pending, 1 << 20);
      assertArrayEquals(Batch.pack(alone, 1 << 20), batch, options.toString());
      SecureSession receiver = Fixtures.session(Direction.C2S, 3, 0, new AtomicLong(clock.get()));
      List<OpenedFrame> opened = receiver.open(batch);
      assertEquals(5, opened.size());
      assertEquals(5, opened.get(4).seq());
    }
  }

  @Test
  void aFrameThatCannotBeSealedInPlaceAtItsOffsetIsRefused() throws Exception {
    SecureSession session = Fixtures.session(Direction.S2C, 0, 0, clock);
    Plaintext p = Plaintext.prepare(new byte[10], SealOptions.binary());
    byte[] tooSmall = new byte[SecureSession.sealedLength(p) + 3];
    assertThrows(IllegalArgumentException.class, () -> session.sealInto(FrameType.MESSAGE, 1, 1, p, tooSmall, 4));
    session.sealInto(FrameType.MESSAGE, 1, 1, p, tooSmall, 3);
  }
}
