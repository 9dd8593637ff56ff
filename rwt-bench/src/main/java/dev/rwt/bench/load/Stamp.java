package dev.rwt.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The load generator's payloads: ASCII {@code id:nanos:} padded with {@code x} to the wanted
 * size, so that every dialect can carry them as they are (binary, a JSON string, a Socket.IO
 * argument) and a receiver can tell which publish arrived and when it was meant to be sent.
 */
final class Stamp {
  private Stamp() {}

  static byte[] make(long id, long nanos, int size) {
    byte[] head = (id + ":" + nanos + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[Math.max(size, head.length)];
    Arrays.fill(out, (byte) 'x');
    System.arraycopy(head, 0, out, 0, head.length);
    return out;
  }

  /** The id of a payload starting at {@code offset}, or -1 when it is not a stamp. */
  static long id(byte[] b, int offset) {
    return number(b, offset, 0);
  }

  /** The nanos of a payload starting at {@code offset}, or -1 when it is not a stamp. */
  static long nanos(byte[] b, int offset) {
    return number(b, offset, 1);
  }

  private static long number(byte[] b, int offset, int index) {
    int i = offset;
    for (int skip = 0; skip < index; skip++) {
      while (i < b.length && b[i] != ':') {
        i++;
      }
      i++;
    }
    boolean negative = i < b.length && b[i] == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    int digits = 0;
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      v = v * 10 + (b[i] - '0');
      i++;
      digits++;
    }
    if (digits == 0 || i >= b.length || b[i] != ':') {
      return -1;
    }
    return negative ? -v : v;
  }
}
