package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, the protocol layer returns a result or throws
 * {@link RwtProtocolException}: never another exception, never an error.
 */
class DecoderFuzzTest {
  interface Target {
    void feed(byte[] input) throws RwtProtocolException;
  }

  private static List<byte[]> seeds() {
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

  static byte[] mutate(SplittableRandom r, byte[] seed) {
    byte[] b = seed.clone();
    switch (r.nextInt(5)) {
      case 0 -> {
        for (int i = 1 + r.nextInt(4); i > 0 && b.length > 0; i--) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
      }
      case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
      case 2 -> {
        b = Arrays.copyOf(b, b.length + 1 + r.nextInt(40));
        for (int i = seed.length; i < b.length; i++) {
          b[i] = (byte) r.nextInt(256);
        }
      }
      case 3 -> {
        // lengths and counters are where parsers break: hit the header and batch prefixes
        int at = r.nextInt(Math.min(b.length, RwtWire.HEADER_LENGTH + 8) + 1);
        if (at < b.length) {
          b[at] = (byte) (r.nextBoolean() ? 0xFF : 0x00);
        }
      }
      default -> {
        byte[] noise = Randomized.bytes(r, 120);
        b = noise;
      }
    }
    return b;
  }

  private static void fuzz(long seed, int tries, Target target) {
    List<byte[]> seeds = seeds();
    Randomized.forAll(seed, tries, r -> {
      byte[] input = mutate(r, seeds.get(r.nextInt(seeds.size())));
      try {
        target.feed(input);
      } catch (RwtProtocolException e) {
        assertEquals(true, e.code() >= 4000 && e.code() <= 4011, e.toString());
      } catch (Throwable t) {
        fail("input " + Vectors.toHex(input) + " threw " + t, t);
      }
    });
  }

  @Test
  void decoderOnlyEverReturnsAFrameOrThrowsTheProtocolException() {
    fuzz(1L, 1000, FrameCodec::decode);
  }

  @Test
  void decoderFailuresOnRandomBytesCarry4000() {
    Randomized.forAll(2L, 1000, r -> {
      byte[] input = Randomized.bytes(r, 64);
      try {
        FrameCodec.decode(input);
      } catch (RwtProtocolException e) {
        assertEquals(CloseCode.PROTOCOL, e.closeCode());
      }
    });
  }

  @Test
  void sessionOpenOnlyEverThrowsTheProtocolException() throws Exception {
    SecureSession c2sReceiver = Fixtures.session(Direction.S2C, 2, 0, new AtomicLong());
    SecureSession s2cReceiver = Fixtures.session(Direction.C2S, 1, 0, new AtomicLong());
    fuzz(3L, 1000, input -> {
      c2sReceiver.open(input);
      s2cReceiver.open(input);
    });
  }

  @Test
  void batchUnpackOnlyEverThrowsTheProtocolException() {
    fuzz(4L, 1000, input -> Batch.unpack(input, 1 << 20));
  }

  @Test
  void jsonAndHandshakeBodiesOnlyEverThrowTheProtocolException() {
    fuzz(5L, 1000, input -> {
      byte[] body = input.length > RwtWire.HEADER_LENGTH ? Arrays.copyOfRange(input, RwtWire.HEADER_LENGTH,
          input.length) : input;
      try {
        Hello.parse(body);
      } catch (RwtProtocolException e) {
        // expected for most inputs; keep feeding the other parsers
      }
      try {
        Welcome.parse(body);
      } catch (RwtProtocolException e) {
        // as above
      }
      Json.parse(body);
    });
  }

  @Test
  void handshakesOnlyEverThrowTheProtocolException() {
    ServerSettings settings = new ServerSettings(TokenRotator.golden(), 60_000, null, 25_000, 1 << 20, 120_000);
    SecureRandom random = new SecureRandom();
    fuzz(6L, 300, input -> {
      ServerHandshake server = ServerHandshake.builder(settings).random(random).clock(() -> Fixtures.T0).build();
      server.receiveHello(input);
    });
    fuzz(7L, 300, input -> {
      ClientHandshake client = ClientHandshake.builder("a").random(random).clock(() -> Fixtures.T0).build();
      client.hello();
      client.receiveWelcome(input);
    });
  }
}
