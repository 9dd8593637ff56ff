package dev.rwt.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Echo round trips: N connections, each with one payload in flight (closed loop); every reply
 * records its round-trip time and sends the next. Throughput is round trips per second over the
 * measured time; latency is the round trip.
 */
final class EchoScenario {
  private final Target target;

  EchoScenario(Target target) {
    this.target = target;
  }

  /** Runs one echo measurement; {@code errors} counts the dialect's errors so far. */
  Measurement run(Dialect dialect, int size, IntSupplier errors) throws Exception {
    Plan plan = target.plan();
    Recorder recorder = new Recorder(3);
    LongAdder trips = new LongAdder();
    CountDownLatch stopped = new CountDownLatch(plan.echoConnections());
    AtomicBoolean running = new AtomicBoolean(true);
    List<Loop> loops = new ArrayList<>();
    for (int i = 0; i < plan.echoConnections(); i++) {
      loops.add(new Loop(Stamp.make(i, 0, size), recorder, trips, stopped, running));
    }
    List<Conn> conns = target.clients().openAll(loops.size(), new java.util.function.Supplier<>() {
      int next;

      @Override
      public java.util.concurrent.CompletableFuture<Conn> get() {
        Loop loop = loops.get(next++);
        return dialect.connect(Dialect.Role.ECHO, loop).thenApply(c -> loop.conn = c);
      }
    });
    int errorsBefore = errors.getAsInt();
    loops.forEach(Loop::next);
    Thread.sleep(plan.warmupMs());
    recorder.getIntervalHistogram();
    trips.reset();
    CpuMeter cpu = target.cpu();
    cpu.start();
    long t0 = System.nanoTime();
    Thread.sleep(plan.measureMs());
    long n = trips.sum();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Histogram h = recorder.getIntervalHistogram();
    double gen = cpu.generatorCores();
    double srv = cpu.serverCores();
    running.set(false);
    boolean drained = stopped.await(10, TimeUnit.SECONDS);
    conns.forEach(Conn::close);
    long errs = errors.getAsInt() - errorsBefore + (drained ? 0 : stopped.getCount());
    return new Measurement(target.server(), dialect.label(), "echo", size, conns.size(), n / seconds,
        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), gen,
        srv, Double.NaN, Double.NaN, errs);
  }

  /** One connection's loop: reply in, latency recorded, next request out. */
  private static final class Loop implements Conn.Sink {
    private final byte[] payload;
    private final Recorder recorder;
    private final LongAdder trips;
    private final CountDownLatch stopped;
    private final AtomicBoolean running;
    volatile Conn conn;
    private volatile long sentAt;

    Loop(byte[] payload, Recorder recorder, LongAdder trips, CountDownLatch stopped, AtomicBoolean running) {
      this.payload = payload;
      this.recorder = recorder;
      this.trips = trips;
      this.stopped = stopped;
      this.running = running;
    }

    void next() {
      sentAt = System.nanoTime();
      conn.send(payload);
    }

    @Override
    public void payload(byte[] bytes, int offset) {
      recorder.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
      trips.increment();
      if (running.get()) {
        next();
      } else {
        stopped.countDown();
      }
    }
  }
}
