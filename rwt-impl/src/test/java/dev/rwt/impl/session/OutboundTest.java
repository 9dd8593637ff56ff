package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.Batch;
import dev.rwt.protocol.FrameCodec;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.RwtProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboundTest {

  private static final int MAX_FRAME = 1 << 20;

  /** Records every message; completes each send at once, or holds it until told to. */
  private static final class RecordingWire implements Outbound.Wire {
    final List<byte[]> messages = new ArrayList<>();
    final ArrayDeque<Consumer<Throwable>> inFlight = new ArrayDeque<>();
    boolean holdCompletions;
    Throwable failWith;

    @Override
    public synchronized void send(ByteBuffer message, Consumer<Throwable> done) {
      byte[] bytes = new byte[message.remaining()];
      message.get(bytes);
      messages.add(bytes);
      if (holdCompletions) {
        inFlight.add(done);
      } else {
        done.accept(failWith);
      }
    }

    void completeOne() {
      Consumer<Throwable> done;
      synchronized (this) {
        done = inFlight.removeFirst();
      }
      done.accept(null);
    }

    /** Every frame that arrived, batches taken apart, in order. */
    synchronized List<byte[]> frames() throws RwtProtocolException {
      List<byte[]> frames = new ArrayList<>();
      for (byte[] m : messages) {
        frames.addAll(Batch.isBatch(m) ? Batch.unpack(m, MAX_FRAME) : List.of(m));
      }
      return frames;
    }
  }

  /** Runs tasks only when the test says so, like a busy pool. */
  private static final class ManualExecutor implements java.util.concurrent.Executor {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.removeFirst().run();
      }
    }
  }

  private final RecordingWire wire = new RecordingWire();
  private final ManualExecutor executor = new ManualExecutor();

  private Outbound outbound(boolean batching) {
    return new Outbound(wire, Outbound.Sender.pool(executor), Runnable::run, 10_000, MAX_FRAME, batching);
  }

  /** A MESSAGE frame of {@code length} bytes numbered {@code n} (its seq). */
  private static byte[] frame(long n, int length) {
    byte[] f = new byte[length];
    System.arraycopy(FrameCodec.header(FrameType.MESSAGE, 0, 0, n, 0), 0, f, 0, RwtWire.AAD_LENGTH);
    return f;
  }

  /** {@link #frame} of 40 bytes, already sealed. */
  private static Batch.Pending sealed(long n) {
    return Batch.Pending.sealed(frame(n, 40));
  }

  private static long seqOf(byte[] frame) {
    return ByteBuffer.wrap(frame, RwtWire.OFFSET_SEQ, 8).getLong();
  }

  @Test
  void enqueueingNeverSendsOnTheCallersThread() {
    Outbound out = outbound(true);
    assertEquals(Outbound.Result.QUEUED, out.enqueue(frame(1, 40)));
    assertTrue(wire.messages.isEmpty());
    assertEquals(1, executor.tasks.size());
  }

  @Test
  void anOfferToAnIdleQueueLeavesTheSendToTheCallersThread() throws Exception {
    Outbound out = outbound(true);
    wire.holdCompletions = true;
    assertEquals(Outbound.Result.IDLE, out.offer(sealed(1)));
    assertTrue(wire.messages.isEmpty(), "nothing leaves before drainHere");
    assertEquals(Outbound.Result.QUEUED, out.offer(sealed(2)), "a drain is owed already");
    out.drainHere();
    assertTrue(executor.tasks.isEmpty(), "no hand-off to the send pool");
    assertEquals(1, wire.messages.size());
    assertEquals(Outbound.Result.QUEUED, out.offer(sealed(3)), "a send is in flight");
    wire.completeOne(); // the completion sends what waited, as one BATCH
    assertEquals(List.of(1L, 2L, 3L), wire.frames().stream().map(OutboundTest::seqOf).toList());
    assertEquals(2, wire.messages.size());
    wire.completeOne();
    assertEquals(Outbound.Result.IDLE, out.offer(sealed(4)), "idle again once everything left");
  }

  @Test
  void insideAFanOutAnOfferIsSentByTheFanOutsTasks() throws Exception {
    Outbound out = outbound(true);
    Outbound.Result[] r = new Outbound.Result[1];
    Outbound.fanOut(() -> r[0] = out.offer(sealed(1)));
    assertEquals(Outbound.Result.QUEUED, r[0]);
    assertEquals(1, executor.tasks.size());
    executor.runAll();
    assertEquals(List.of(1L), wire.frames().stream().map(OutboundTest::seqOf).toList());
  }

  /** A frame that records when it is sealed, as a session's frames are sealed by its keys. */
  private static Batch.Pending sealedLater(long n, List<Long> sealedOrder, RuntimeException failure) {
    return new Batch.Pending() {
      @Override
      public int length() {
        return 40;
      }

      @Override
      public boolean batchable() {
        return true;
      }

      @Override
      public byte[] seal() {
        if (failure != null) {
          throw failure;
        }
        sealedOrder.add(n);
        return frame(n, 40);
      }
    };
  }

  @Test
  void framesAreSealedWhenTheyLeaveInQueueOrderNotWhenTheyAreQueued() throws Exception {
    Outbound out = outbound(true);
    wire.holdCompletions = true;
    List<Long> sealed = new ArrayList<>();
    out.enqueue(sealedLater(1, sealed, null));
    executor.runAll();
    assertEquals(List.of(1L), sealed);
    out.enqueue(sealedLater(2, sealed, null));
    out.enqueue(sealedLater(3, sealed, null));
    assertEquals(List.of(1L), sealed, "nothing is sealed while it waits behind a send in flight");
    wire.completeOne();
    assertEquals(List.of(1L, 2L, 3L), sealed);
    assertEquals(List.of(1L, 2L, 3L), wire.frames().stream().map(OutboundTest::seqOf).toList());
    assertEquals(2, wire.messages.size(), "the two that waited left as one BATCH");
  }

  @Test
  void aFrameWhoseKeysAreGoneClosesTheQueueQuietly() {
    Outbound out = outbound(true);
    out.enqueue(sealedLater(1, new ArrayList<>(), new IllegalStateException("session keys were destroyed")));
    executor.runAll();
    assertTrue(wire.messages.isEmpty());
    assertEquals(Outbound.Result.CLOSED, out.enqueue(frame(2, 40)));
  }

  @Test
  void aQuietConnectionSendsEachFrameAlone() {
    Outbound out = outbound(true);
    for (int i = 0; i < 3; i++) {
      out.enqueue(frame(i, 40));
      executor.runAll();
    }
    assertEquals(3, wire.messages.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(frame(i, 40), wire.messages.get(i));
    }
  }

  @Test
  void aBurstQueuedBeforeTheSenderRunsLeavesAsOneBatchFromOneTask() throws Exception {
    Outbound out = outbound(true);
    for (int i = 0; i < 50; i++) {
      out.enqueue(frame(i, 40));
    }
    assertEquals(1, executor.tasks.size());
    executor.runAll();
    assertEquals(1, wire.messages.size());
    assertTrue(Batch.isBatch(wire.messages.get(0)));
    List<byte[]> frames = wire.frames();
    assertEquals(50, frames.size());
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(frame(i, 40), frames.get(i));
    }
  }

  @Test
  void framesQueuedWhileASendIsInFlightLeaveTogetherWhenItCompletes() throws Exception {
    wire.holdCompletions = true;
    Outbound out = outbound(true);
    out.enqueue(frame(0, 40));
    executor.runAll();
    out.enqueue(frame(1, 40));
    out.enqueue(frame(2, 40));
    out.enqueue(frame(3, 40));
    executor.runAll();
    assertEquals(1, wire.messages.size());
    wire.completeOne();
    assertEquals(2, wire.messages.size());
    assertTrue(Batch.isBatch(wire.messages.get(1)));
    assertEquals(List.of(1L, 2L, 3L), wire.frames().subList(1, 4).stream().map(OutboundTest::seqOf).toList());
  }

  @Test
  void withBatchingOffEveryFrameIsItsOwnMessage() {
    Outbound out = outbound(false);
    for (int i = 0; i < 5; i++) {
      out.enqueue(frame(i, 40));
    }
    executor.runAll();
    assertEquals(5, wire.messages.size());
    wire.messages.forEach(m -> assertFalse(Batch.isBatch(m)));
  }

  @Test
  void aBatchNeverExceedsTheMaximumFrameSize() throws Exception {
    Outbound out = new Outbound(wire, Outbound.Sender.pool(executor), Runnable::run, 100_000, 1000, true);
    // four 300-byte frames (with their length prefixes) fit in 1000 bytes only three at a time
    for (int i = 0; i < 20; i++) {
      out.enqueue(frame(i, 300));
    }
    executor.runAll();
    assertEquals(20, wire.frames().size());
    for (byte[] m : wire.messages) {
      assertTrue(m.length <= 1000 + RwtWire.HEADER_LENGTH, "message of " + m.length);
    }
  }

  @Test
  void sendsThatCompleteInlineDoNotGrowTheStack() {
    Outbound out = new Outbound(wire, Outbound.Sender.pool(executor), Runnable::run, 10_000_000, MAX_FRAME, false);
    for (int i = 0; i < 100_000; i++) {
      out.enqueue(frame(i, 40));
    }
    executor.runAll();
    assertEquals(100_000, wire.messages.size());
  }

  @Test
  void pastTheByteBoundTheQueueAnswersFullAndKeepsWhatItHad() throws Exception {
    Outbound out = outbound(true);
    for (int i = 0; i < 250; i++) {
      assertEquals(Outbound.Result.QUEUED, out.enqueue(frame(i, 40)));
    }
    assertEquals(Outbound.Result.FULL, out.enqueue(frame(250, 40)));
    assertEquals(10_000, out.queuedBytes());
    executor.runAll();
    assertEquals(250, wire.frames().size());
    assertEquals(0, out.queuedBytes());
  }

  @Test
  void aFailedSendClosesTheQueue() {
    wire.failWith = new IOException("reset");
    Outbound out = outbound(true);
    out.enqueue(frame(0, 40));
    executor.runAll();
    assertEquals(Outbound.Result.CLOSED, out.enqueue(frame(1, 40)));
    assertEquals(0, out.queuedBytes());
  }

  @Test
  void afterCloseNothingIsQueuedOrSent() {
    Outbound out = outbound(true);
    out.enqueue(frame(0, 40));
    out.close();
    executor.runAll();
    assertTrue(wire.messages.isEmpty());
    assertEquals(Outbound.Result.CLOSED, out.enqueue(frame(1, 40)));
  }

  @Test
  void framesLeaveInEnqueueOrderWhenSendsCompleteOnOtherThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    ExecutorService io = Executors.newSingleThreadExecutor();
    int count = 20_000;
    CountDownLatch all = new CountDownLatch(count);
    List<Long> seen = new ArrayList<>();
    Outbound.Wire asyncWire =
        (message, done) -> {
          byte[] bytes = new byte[message.remaining()];
          message.get(bytes);
          io.execute(
              () -> {
                try {
                  for (byte[] f : Batch.isBatch(bytes) ? Batch.unpack(bytes, MAX_FRAME) : List.of(bytes)) {
                    seen.add(seqOf(f));
                    all.countDown();
                  }
                } catch (RwtProtocolException e) {
                  throw new AssertionError(e);
                }
                done.accept(null);
              });
        };
    try {
      Outbound out = new Outbound(asyncWire, Outbound.Sender.pool(pool), Runnable::run, Long.MAX_VALUE, MAX_FRAME, true);
      for (int i = 0; i < count; i++) {
        assertEquals(Outbound.Result.QUEUED, out.enqueue(frame(i, 40)));
      }
      assertTrue(all.await(30, TimeUnit.SECONDS), "every frame arrives");
    } finally {
      pool.shutdownNow();
      io.shutdownNow();
    }
    for (int i = 0; i < count; i++) {
      assertEquals(i, seen.get(i).longValue());
    }
  }

  @Test
  void aWelcomeLeavesAloneEvenWithResentFramesQueuedBehindIt() throws Exception {
    Outbound out = outbound(true);
    byte[] welcome = new byte[60];
    System.arraycopy(FrameCodec.header(FrameType.WELCOME, 0, 0, 0, 0), 0, welcome, 0, RwtWire.AAD_LENGTH);
    out.enqueue(welcome);
    out.enqueue(frame(7, 40));
    out.enqueue(frame(8, 40));
    executor.runAll();
    assertEquals(2, wire.messages.size());
    assertArrayEquals(welcome, wire.messages.get(0));
    assertEquals(List.of(7L, 8L), Batch.unpack(wire.messages.get(1), MAX_FRAME).stream().map(OutboundTest::seqOf).toList());
  }

  @Test
  void aSendThatThrowsClosesTheQueueInsteadOfStallingIt() {
    Outbound out = new Outbound((m, done) -> { throw new IllegalStateException("socket gone"); },
        Outbound.Sender.pool(executor), Runnable::run, 10_000, MAX_FRAME, true);
    out.enqueue(frame(0, 40));
    executor.runAll();
    assertEquals(Outbound.Result.CLOSED, out.enqueue(frame(1, 40)));
  }

  @Test
  void aCloseWaitsForTheFramesQueuedBeforeItAndRefusesNewOnes() throws Exception {
    Outbound out = outbound(true);
    List<String> events = new ArrayList<>();
    out.enqueue(frame(1, 40));
    out.closeAfterFlush(() -> events.add("closed after " + wire.messages.size() + " messages"));
    assertEquals(Outbound.Result.CLOSED, out.enqueue(frame(2, 40)));
    assertTrue(events.isEmpty());
    executor.runAll();
    assertEquals(List.of("closed after 1 messages"), events);
    assertEquals(List.of(1L), wire.frames().stream().map(OutboundTest::seqOf).toList());
  }

  @Test
  void aCloseWithNothingQueuedHappensAtOnce() {
    Outbound out = outbound(true);
    List<String> events = new ArrayList<>();
    out.closeAfterFlush(() -> events.add("closed"));
    assertEquals(List.of("closed"), events);
  }

  @Test
  void aPeerThatStopsReadingCannotHoldTheCloseBackPastTheGrace() {
    wire.holdCompletions = true;
    Outbound out = outbound(true);
    List<String> events = new ArrayList<>();
    out.enqueue(frame(1, 40));
    executor.runAll();
    out.closeAfterFlush(() -> events.add("closed"));
    out.closeIfOverdue(1_000, 5_000);
    out.closeIfOverdue(5_999, 5_000);
    assertTrue(events.isEmpty());
    out.closeIfOverdue(6_000, 5_000);
    assertEquals(List.of("closed"), events);
    wire.completeOne(); // the stuck send completes late: nothing more happens
    assertEquals(List.of("closed"), events);
  }

  @Test
  void aFanOutStartsItsDrainsInAFewTasksOnceEveryFrameIsQueued() throws Exception {
    List<RecordingWire> wires = new ArrayList<>();
    List<Outbound> outs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      RecordingWire w = new RecordingWire();
      wires.add(w);
      outs.add(new Outbound(w, Outbound.Sender.pool(executor), Runnable::run, 10_000, MAX_FRAME, true));
    }
    Outbound.fanOut(() -> {
      for (Outbound o : outs) {
        o.enqueue(frame(1, 40));
        Outbound.fanOut(() -> o.enqueue(frame(2, 40))); // nested: joins the outer fan-out
      }
      assertTrue(executor.tasks.isEmpty(), "nothing starts while the fan-out is queueing");
    });
    assertEquals(Outbound.FAN_OUT_TASKS, executor.tasks.size());
    executor.runAll();
    for (RecordingWire w : wires) {
      assertEquals(List.of(1L, 2L), w.frames().stream().map(OutboundTest::seqOf).toList());
      assertEquals(1, w.messages.size(), "both frames were waiting: one BATCH");
    }
    outs.get(0).enqueue(frame(3, 40)); // outside a fan-out: a task of its own, at once
    assertEquals(1, executor.tasks.size());
  }

  @Test
  void aFanOutGivesEachConnectionsOwnThreadOneTaskForAllOfItsConnections() throws Exception {
    ManualExecutor ioA = new ManualExecutor();
    ManualExecutor ioB = new ManualExecutor();
    List<RecordingWire> wires = new ArrayList<>();
    List<Outbound> outs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      RecordingWire w = new RecordingWire();
      wires.add(w);
      Outbound.Sender sender = switch (i % 3) {
        case 0 -> Outbound.Sender.socketThread(ioA);
        case 1 -> Outbound.Sender.socketThread(ioB);
        default -> Outbound.Sender.pool(executor);
      };
      outs.add(new Outbound(w, sender, Runnable::run, 10_000, MAX_FRAME, true));
    }
    Outbound.fanOut(() -> outs.forEach(o -> o.enqueue(frame(1, 40))));
    assertEquals(1, ioA.tasks.size(), "one task drains the ten connections of one thread");
    assertEquals(1, ioB.tasks.size());
    assertEquals(Outbound.FAN_OUT_TASKS, executor.tasks.size(), "the pool's connections split as before");
    ioA.runAll();
    for (int i = 0; i < wires.size(); i++) {
      assertEquals(i % 3 == 0 ? 1 : 0, wires.get(i).messages.size(), "only thread A's connections have sent, #" + i);
    }
    ioB.runAll();
    executor.runAll();
    for (RecordingWire w : wires) {
      assertEquals(List.of(1L), w.frames().stream().map(OutboundTest::seqOf).toList());
    }
  }
}
