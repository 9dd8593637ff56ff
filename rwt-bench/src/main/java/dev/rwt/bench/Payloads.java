package dev.rwt.bench;

import dev.rwt.protocol.FrameCodec;
import dev.rwt.protocol.FrameType;
import java.util.SplittableRandom;

/** Seeded payload bytes and frame headers, so every run seals the same data. */
final class Payloads {
  /** The subscription id the benchmark frames carry. */
  static final int CHANNEL = 1;

  private Payloads() {}

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  /** The 17 bytes RWT authenticates in front of a MESSAGE body with this seq. */
  static byte[] header(Protection protection, long seq) {
    return FrameCodec.header(FrameType.MESSAGE, protection.options().flags(), CHANNEL, seq, 0);
  }
}
