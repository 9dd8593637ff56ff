package dev.rwt.bench.load;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Fan-out: S subscribers and one publisher in one group (RWT channel, raw broadcast endpoint,
 * Socket.IO broadcast). Every payload carries its publish id and send time, so a subscriber
 * records publish-to-deliver latency and counts deliveries per publish.
 *
 * <p>Two ways to publish: {@link #saturate} keeps a window of publishes in flight (the next
 * leaves when one has reached every subscriber), which finds the server's ceiling;
 * {@link #fixedRate} publishes on a schedule and measures latency from the scheduled time
 * (so a stalled publisher cannot hide latency).
 */
final class FanoutGroup implements AutoCloseable, Conn.Sink {
  private static final long BASE = System.nanoTime();
  private static final int RING = 1 << 16;

  private final Target target;
  private final int subscribers;
  private final List<Conn> subs;
  private final AtomicIntegerArray counts = new AtomicIntegerArray(RING);
  private final Recorder recorder = new Recorder(3);
  private final LongAdder deliveries = new LongAdder();
  private volatile Semaphore window = new Semaphore(0);

  FanoutGroup(Target target, Dialect dialect, int subscribers) throws Exception {
    this.target = target;
    this.subscribers = subscribers;
    this.subs = target.clients().openAll(subscribers, () -> dialect.connect(Dialect.Role.FANOUT, this));
  }

  @Override
  public void payload(byte[] bytes, int offset) {
    long id = Stamp.id(bytes, offset);
    long sent = Stamp.nanos(bytes, offset);
    if (id < 0 || sent < 0) {
      return;
    }
    recorder.recordValue(Math.max(0, (System.nanoTime() - BASE - sent) / 1000));
    deliveries.increment();
    if (counts.incrementAndGet((int) (id & (RING - 1))) == subscribers) {
      window.release();
    }
  }

  /** As many deliveries as the server manages, with a bounded window of publishes in flight. */
  Measurement saturate(Dialect publisherDialect, IntSupplier errors) throws Exception {
    return saturate(publisherDialect, errors, target.plan());
  }

  /**
   * {@link #saturate} as long as a measured run, unmeasured: warms up a fresh server's path
   * through this group, so that the JIT compiler is mostly done before the figures are taken.
   */
  void warmUp(Dialect publisherDialect, IntSupplier errors) throws Exception {
    saturate(publisherDialect, errors, target.plan());
  }

  private Measurement saturate(Dialect publisherDialect, IntSupplier errors, Plan plan) throws Exception {
    int w = plan.window(subscribers);
    window = new Semaphore(w);
    return run(publisherDialect, plan, "fanout", errors, (pub, id) -> {
      if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
        return false;
      }
      counts.set((int) (id & (RING - 1)), 0);
      pub.send(Stamp.make(id, System.nanoTime() - BASE, target.plan().fanoutSize()));
      return true;
    }, null);
  }

  /** Publishes at {@code perSecond}, latency measured from each publish's scheduled time. */
  Measurement fixedRate(Dialect publisherDialect, double perSecond, IntSupplier errors) throws Exception {
    window = new Semaphore(0);
    long interval = (long) (1e9 / perSecond);
    long[] start = {0};
    return run(publisherDialect, target.plan().latency(), "fanout-half", errors, (pub, id) -> {
      long due = start[0] + id * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      counts.set((int) (id & (RING - 1)), 0);
      pub.send(Stamp.make(id, due - BASE, target.plan().fanoutSize()));
      return true;
    }, start);
  }

  /** One publish; false when it timed out waiting for the window (a lost or stuck delivery). */
  private interface Publish {
    boolean next(Conn publisher, long id) throws InterruptedException;
  }

  private Measurement run(Dialect publisherDialect, Plan plan, String scenario, IntSupplier errors, Publish publish,
      long[] start) throws Exception {
    Conn pub = publisherDialect.connect(Dialect.Role.FANOUT, (b, o) -> { }).get(60, TimeUnit.SECONDS);
    int errorsBefore = errors.getAsInt();
    long stalls = 0;
    long id = 0;
    long now = System.nanoTime();
    if (start != null) {
      start[0] = now;
    }
    long measureFrom = now + plan.warmupMs() * 1_000_000;
    long end = measureFrom + plan.measureMs() * 1_000_000;
    boolean measuring = false;
    CpuMeter cpu = target.cpu();
    long t0 = 0;
    long n = 0;
    Histogram h = null;
    double gen = Double.NaN;
    double srv = Double.NaN;
    while (true) {
      now = System.nanoTime();
      if (!measuring && now >= measureFrom) {
        recorder.getIntervalHistogram();
        deliveries.reset();
        cpu.start();
        t0 = now;
        measuring = true;
      }
      if (measuring && now >= end) {
        n = deliveries.sum();
        h = recorder.getIntervalHistogram();
        gen = cpu.generatorCores();
        srv = cpu.serverCores();
        break;
      }
      if (!publish.next(pub, id)) {
        stalls++;
        continue;
      }
      id++;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    drain();
    pub.close();
    long errs = errors.getAsInt() - errorsBefore + stalls;
    return new Measurement(target.server(), publisherDialect.label(), scenario, plan.fanoutSize(), subscribers,
        n / seconds, h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
        h.getMaxValue(), gen, srv, Double.NaN, Double.NaN, errs);
  }

  /** Waits until deliveries stop arriving, so the next run starts on a quiet server. */
  private void drain() throws InterruptedException {
    long last = -1;
    for (int i = 0; i < 50; i++) {
      Thread.sleep(200);
      long d = deliveries.sum();
      if (d == last) {
        return;
      }
      last = d;
    }
  }

  /** Closes every subscriber, and gives the server a moment to let them go. */
  @Override
  public void close() {
    subs.forEach(Conn::close);
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
