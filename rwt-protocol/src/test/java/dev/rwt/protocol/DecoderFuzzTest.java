package dev.rwt.protocol;

import static dev.rwt.protocol.CloseCode.BAD_TOKEN;
import static dev.rwt.protocol.CloseCode.PROTOCOL;
import static dev.rwt.protocol.CloseCode.REPLAY;
import static dev.rwt.protocol.CloseCode.TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever bytes arrive, the frame layer returns a result or throws
 * {@link RwtProtocolException} with a documented close code: never another exception, never
 * an error. Inputs are mutations of the shared vectors and of frames sealed on the spot.
 * Case counts scale with {@code rwt.fuzz.scale} (see {@link Randomized}); the timeout only
 * guards against a hang.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class DecoderFuzzTest {

  static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (Object o : Vectors.list(Vectors.root().get("frames"))) {
      seeds.add(Vectors.hex(Vectors.map(o), "hex"));
    }
    seeds.add(Vectors.hex(Vectors.map(Vectors.list(Vectors.root().get("decodeOnly")).get(0)), "hex"));
    seeds.add(Vectors.hex(Vectors.map(Vectors.section("batch").get("valid")), "hex"));
    seeds.add(Vectors.hex(Vectors.section("hello"), "hex"));
    seeds.add(Vectors.hex(Vectors.section("welcome"), "hex"));
    return seeds;
  }

  /** Frames sealed c->s at epoch 2 with seq 1..n (every flag combination), and a batch of them. */
  static List<byte[]> sealedSeeds(SplittableRandom r, int n) throws RwtProtocolException {
    SecureSession client = Fixtures.session(Direction.C2S, 2, 0, new AtomicLong());
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SealingPropertiesTest.Case c = SealingPropertiesTest.randomCase(r);
      if (c.dir() == Direction.C2S) {
        frames.add(client.sealNext(c.type(), c.channel(), c.payload(), c.options()).bytes());
      }
    }
    List<byte[]> seeds = new ArrayList<>(frames);
    seeds.add(Batch.pack(frames.subList(0, Math.min(4, frames.size())), 1 << 20));
    return seeds;
  }

  private static void fuzz(long seed, int tries, List<byte[]> seeds, Set<CloseCode> allowed, Fuzz.Target target) {
    Randomized.forAll(seed, Randomized.scaled(tries), r -> {
      byte[] input = Fuzz.mutate(r, seeds.get(r.nextInt(seeds.size())));
      Fuzz.feed(target, input, allowed);
    });
  }

  @Test
  void decoderOnlyEverReturnsAFrameOrThrows4000() {
    fuzz(1L, 1000, seeds(), Fuzz.codes(PROTOCOL), FrameCodec::decode);
  }

  @Test
  void decoderFailuresOnRandomBytesCarry4000() {
    Randomized.forAll(2L, Randomized.scaled(1000), r -> {
      byte[] input = Randomized.bytes(r, 64);
      Fuzz.feed(FrameCodec::decode, input, Fuzz.codes(PROTOCOL));
    });
  }

  @Test
  void decodingThenEncodingGivesTheSameBytes() {
    Randomized.forAll(8L, Randomized.scaled(1000), r -> {
      byte[] input = Fuzz.mutate(r, seeds().get(0));
      Frame f;
      try {
        f = FrameCodec.decode(input);
      } catch (RwtProtocolException refused) {
        return;
      }
      assertEquals(Vectors.toHex(input), Vectors.toHex(FrameCodec.encode(f)));
    });
  }

  @Test
  void sessionOpenOnlyEverThrowsADocumentedCode() throws Exception {
    SecureSession c2sReceiver = Fixtures.session(Direction.S2C, 2, 0, new AtomicLong());
    SecureSession s2cReceiver = Fixtures.session(Direction.C2S, 1, 0, new AtomicLong());
    List<byte[]> seeds = seeds();
    seeds.addAll(sealedSeeds(new SplittableRandom(3), 40));
    fuzz(3L, 1000, seeds, Fuzz.codes(PROTOCOL, TOO_LARGE, BAD_TOKEN, REPLAY), input -> {
      c2sReceiver.open(input);
      s2cReceiver.open(input);
    });
  }

  @Test
  void mutatedSealedFramesNeverOpenAndNeverMoveTheSeq() throws Exception {
    List<byte[]> sealed = sealedSeeds(new SplittableRandom(9), 40);
    Randomized.forAll(9L, Randomized.scaled(1000), r -> {
      byte[] original = sealed.get(r.nextInt(sealed.size()));
      byte[] input = Fuzz.mutate(r, original);
      if (Arrays.equals(input, original)) {
        return;
      }
      SecureSession receiver = Fixtures.session(Direction.S2C, 2, 0, new AtomicLong());
      RwtProtocolException e = Fuzz.feed(receiver::open, input, Fuzz.codes(PROTOCOL, TOO_LARGE, BAD_TOKEN));
      if (e != null && !Batch.isBatch(input)) {
        // (a batch's entries before the failing one are accepted, as if they came alone)
        assertEquals(0, receiver.lastReceivedSeq(), "a refused message moved the seq");
      }
    });
  }

  @Test
  void batchUnpackOnlyEverThrows4000Or4009() throws Exception {
    List<byte[]> seeds = seeds();
    seeds.addAll(sealedSeeds(new SplittableRandom(4), 20));
    fuzz(4L, 1000, seeds, Fuzz.codes(PROTOCOL, TOO_LARGE), input -> Batch.unpack(input, 1 << 20));
    fuzz(40L, 300, seeds, Fuzz.codes(PROTOCOL, TOO_LARGE), input -> Batch.unpack(input, 64));
  }

  @Test
  void inflateOnlyEverThrows4000Or4009() {
    byte[] text = Json.write(SealingPropertiesTest.randomJson(new SplittableRandom(5), 4));
    List<byte[]> seeds = List.of(Deflate.compress(text), Deflate.compress(new byte[5000]), new byte[] {3, 0});
    fuzz(5L, 1000, seeds, Fuzz.codes(PROTOCOL, TOO_LARGE), input -> Deflate.inflate(input, 4096));
  }
}
