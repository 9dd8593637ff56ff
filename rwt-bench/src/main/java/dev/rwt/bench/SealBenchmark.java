package dev.rwt.bench;

import dev.rwt.protocol.FrameType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Sealing one MESSAGE frame: {@link #rwt} is {@code SecureSession.sealNext} as a server or
 * client calls it (plaintext preparation, seq, epoch, token or encryption, wire bytes);
 * {@link #jdkFloor} is the bare HMAC or AES-GCM encryption of the same bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class SealBenchmark {
  @Param({"MAC", "ENC"})
  public Protection protection;

  @Param({"64", "1024", "65536"})
  public int size;

  private FixedSessions.Pair pair;
  private byte[] payload;
  private byte[] header;
  private JdkFloor floor;

  @Setup
  public void setUp() {
    pair = FixedSessions.connect();
    payload = Payloads.random(size, size);
    header = Payloads.header(protection, 1);
    floor = new JdkFloor();
  }

  @TearDown
  public void tearDown() {
    pair.destroy();
  }

  @Benchmark
  public byte[] rwt() {
    return pair.client().sealNext(FrameType.MESSAGE, Payloads.CHANNEL, payload, protection.options()).bytes();
  }

  @Benchmark
  public byte[] jdkFloor() {
    if (protection == Protection.MAC) {
      return floor.hmac(header, payload);
    }
    return floor.encrypt(floor.nextNonce(), header, payload);
  }
}
