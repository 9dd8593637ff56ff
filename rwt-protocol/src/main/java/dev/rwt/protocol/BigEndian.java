package dev.rwt.protocol;

/**
 * Unsigned big-endian integers of 1 to 8 bytes inside a byte array, the byte order of every
 * field on the wire (PROTOCOL.md section 2): the header's channel, seq and epoch, a BATCH
 * entry's length. Stateless.
 */
final class BigEndian {
  private BigEndian() {}

  /** Writes the low {@code bytes} bytes of {@code value} at {@code at}; returns the offset after them. */
  static int put(byte[] out, int at, long value, int bytes) {
    for (int shift = (bytes - 1) * Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
      out[at++] = (byte) (value >>> shift);
    }
    return at;
  }

  /** The unsigned value of the {@code bytes} bytes at {@code at}. */
  static long get(byte[] in, int at, int bytes) {
    long value = 0;
    for (int end = at + bytes; at < end; at++) {
      value = (value << Byte.SIZE) | (in[at] & 0xFF);
    }
    return value;
  }
}
