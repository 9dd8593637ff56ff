package dev.rwt.bench;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.SecureSession;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Opening one MESSAGE frame: {@link #rwt} is {@code SecureSession.open} as a receiver calls
 * it (decode, epoch window, token or decryption, replay check, body check); {@link #jdkFloor}
 * is the bare HMAC verification or AES-GCM decryption of the same sizes.
 *
 * <p>A receiver accepts each seq once, so one sender and one receiver live for the whole
 * trial and, before every invocation and outside the measured time, the sender seals the next
 * {@value #BATCH} frames ({@link Frames#sealNextBatch()}) that the invocation then opens. Both
 * methods count {@value #BATCH} operations per invocation and walk {@value #BATCH} distinct
 * buffers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class OpenBenchmark {
  /** Frames opened per invocation: long enough (over 0.1 ms) that per-invocation timing is exact. */
  static final int BATCH = 256;

  @Param({"MAC", "ENC"})
  public Protection protection;

  @Param({"64", "1024", "65536"})
  public int size;

  private byte[][] headers;
  private byte[][] nonces;
  private byte[][] inputs;
  private byte[][] macs;
  private JdkFloor floor;

  /** The connection under test and the frames its receiver has not seen yet. */
  @State(Scope.Thread)
  public static class Frames {
    private FixedSessions.Pair pair;
    private Protection protection;
    private byte[] payload;
    final byte[][] next = new byte[BATCH][];

    @Setup
    public void connect(OpenBenchmark bench) throws RwtProtocolException {
      protection = bench.protection;
      payload = Payloads.random(bench.size, bench.size);
      pair = FixedSessions.connect();
      sealNextBatch();
      for (byte[] frame : next) {
        if (!Arrays.equals(receiver().open(frame).get(0).payload(), payload)) {
          throw new IllegalStateException("opened payload differs from the sealed one");
        }
      }
    }

    @Setup(Level.Invocation)
    public void sealNextBatch() {
      for (int i = 0; i < BATCH; i++) {
        next[i] = pair.client().sealNext(FrameType.MESSAGE, Payloads.CHANNEL, payload, protection.options()).bytes();
      }
    }

    @TearDown
    public void destroy() {
      pair.destroy();
    }

    SecureSession receiver() {
      return pair.server();
    }
  }

  @Setup
  public void setUp() {
    byte[] payload = Payloads.random(size, size);
    floor = new JdkFloor();
    headers = new byte[BATCH][];
    nonces = new byte[BATCH][];
    inputs = new byte[BATCH][];
    macs = new byte[BATCH][];
    for (int i = 0; i < BATCH; i++) {
      headers[i] = Payloads.header(protection, i + 1);
      nonces[i] = floor.nextNonce();
      inputs[i] = protection == Protection.MAC ? payload.clone() : floor.encrypt(nonces[i], headers[i], payload);
      macs[i] = floor.hmac(headers[i], inputs[i]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void rwt(Frames frames, Blackhole bh) throws RwtProtocolException {
    SecureSession receiver = frames.receiver();
    for (byte[] frame : frames.next) {
      bh.consume(receiver.open(frame));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void jdkFloor(Blackhole bh) {
    if (protection == Protection.MAC) {
      for (int i = 0; i < BATCH; i++) {
        floor.verifyHmac(headers[i], inputs[i], macs[i]);
      }
    } else {
      for (int i = 0; i < BATCH; i++) {
        bh.consume(floor.decrypt(nonces[i], headers[i], inputs[i]));
      }
    }
  }
}
