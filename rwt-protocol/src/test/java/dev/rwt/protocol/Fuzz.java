package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The one acceptable outcome of bad input, checked for every fuzz target: a result, or
 * {@link RwtProtocolException} with one of the close codes the target documents. Anything
 * else (another exception, an error such as OutOfMemoryError or StackOverflowError) fails
 * the case and prints the input.
 */
final class Fuzz {
  interface Target {
    void feed(byte[] input) throws RwtProtocolException;
  }

  private Fuzz() {}

  /** Feeds {@code input}; returns the exception when it was refused, null when accepted. */
  static RwtProtocolException feed(Target target, byte[] input, Set<CloseCode> allowed) {
    try {
      target.feed(input);
      return null;
    } catch (RwtProtocolException e) {
      assertTrue(allowed.contains(e.closeCode()), "input " + Vectors.toHex(input) + " gave " + e
          + ", documented are " + allowed);
      return e;
    } catch (Throwable t) {
      fail("input " + Vectors.toHex(input) + " threw " + t, t);
      return null;
    }
  }

  static Set<CloseCode> codes(CloseCode first, CloseCode... rest) {
    return EnumSet.of(first, rest);
  }

  /** One random mutation of {@code seed}: the kinds that break parsers. */
  static byte[] mutate(SplittableRandom r, byte[] seed) {
    byte[] b = seed.clone();
    switch (r.nextInt(7)) {
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
      case 4 -> {
        if (b.length > 0) {
          int bit = r.nextInt(b.length * Byte.SIZE);
          b[bit / Byte.SIZE] ^= (byte) (1 << (bit % Byte.SIZE));
        }
      }
      case 5 -> {
        // a slice of the input repeated or moved: duplicated fields, entries, lengths
        if (b.length > 1) {
          int from = r.nextInt(b.length);
          int len = 1 + r.nextInt(Math.min(64, b.length - from));
          int to = r.nextInt(b.length + 1);
          byte[] out = new byte[b.length + len];
          System.arraycopy(b, 0, out, 0, to);
          System.arraycopy(b, from, out, to, len);
          System.arraycopy(b, to, out, to + len, b.length - to);
          b = out;
        }
      }
      default -> b = Randomized.bytes(r, 120);
    }
    return b;
  }
}
