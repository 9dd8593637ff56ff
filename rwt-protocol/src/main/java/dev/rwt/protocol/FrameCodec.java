package dev.rwt.protocol;

import java.nio.ByteBuffer;

/**
 * Turns {@link Frame}s into bytes and back (PROTOCOL.md section 2). It checks structure
 * only (length, version, type, flag bits); tokens are checked by {@link FrameSealer}.
 *
 * <p>Stateless and thread-safe. {@link #decode(byte[])} is total: for any input it returns
 * a frame or throws {@link RwtProtocolException} with {@link CloseCode#PROTOCOL}.
 */
public final class FrameCodec {
  private FrameCodec() {}

  /** The 17 bytes the token covers in front of the body (and the GCM aad). */
  public static byte[] header(FrameType type, int flags, int channel, long seq, long epoch) {
    ByteBuffer b = ByteBuffer.allocate(RwtWire.AAD_LENGTH);
    putHeader(b, type, flags, channel, seq, epoch);
    return b.array();
  }

  /** Writes the 17-byte header (section 2, without the token) at {@code offset} of {@code out}. */
  static void header(byte[] out, int offset, FrameType type, int flags, int channel, long seq, long epoch) {
    out[offset + RwtWire.OFFSET_VERSION] = (byte) RwtWire.VERSION;
    out[offset + RwtWire.OFFSET_TYPE] = (byte) type.code();
    out[offset + RwtWire.OFFSET_FLAGS] = (byte) flags;
    int at = offset + RwtWire.OFFSET_FLAGS + 1;
    out[at++] = (byte) (channel >>> 8);
    out[at++] = (byte) channel;
    for (int shift = 56; shift >= 0; shift -= 8) {
      out[at++] = (byte) (seq >>> shift);
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
      out[at++] = (byte) (epoch >>> shift);
    }
  }

  /** The header of an existing frame. */
  public static byte[] header(Frame frame) {
    return header(frame.type(), frame.flags(), frame.channel(), frame.seq(), frame.epoch());
  }

  /** The full wire bytes: header, token, body. */
  public static byte[] encode(Frame frame) {
    ByteBuffer b = ByteBuffer.allocate(RwtWire.HEADER_LENGTH + frame.bodyLength());
    putHeader(b, frame.type(), frame.flags(), frame.channel(), frame.seq(), frame.epoch());
    b.put(frame.tokenRef()).put(frame.bodyRef());
    return b.array();
  }

  /**
   * Parses one frame.
   *
   * @throws RwtProtocolException PROTOCOL when shorter than a header, of another version,
   *     of an unknown type, or with undefined flag bits
   */
  public static Frame decode(byte[] message) throws RwtProtocolException {
    FrameType type = checkHeader(message, 0, message == null ? 0 : message.length);
    ByteBuffer b = ByteBuffer.wrap(message);
    b.position(RwtWire.OFFSET_FLAGS);
    int flags = b.get() & 0xFF;
    int channel = b.getShort() & 0xFFFF;
    long seq = b.getLong();
    long epoch = b.getInt() & 0xFFFF_FFFFL;
    byte[] token = new byte[RwtWire.TOKEN_LENGTH];
    b.get(token);
    byte[] body = new byte[b.remaining()];
    b.get(body);
    return Frame.adopt(type, flags, channel, seq, epoch, token, body);
  }

  /**
   * Checks what {@link #decode} checks of the {@code length} bytes at {@code offset} of
   * {@code bytes} (length, version, type, flag bits), without copying anything.
   *
   * @return the frame's type
   * @throws RwtProtocolException PROTOCOL as {@link #decode} would
   */
  static FrameType checkHeader(byte[] bytes, int offset, int length) throws RwtProtocolException {
    if (bytes == null || length < RwtWire.HEADER_LENGTH) {
      throw RwtProtocolException.protocol("frame shorter than its " + RwtWire.HEADER_LENGTH + "-byte header");
    }
    int version = bytes[offset + RwtWire.OFFSET_VERSION] & 0xFF;
    if (version != RwtWire.VERSION) {
      throw RwtProtocolException.protocol("unknown version " + version);
    }
    FrameType type = FrameType.fromCode(bytes[offset + RwtWire.OFFSET_TYPE] & 0xFF);
    int flags = bytes[offset + RwtWire.OFFSET_FLAGS] & 0xFF;
    if ((flags & ~RwtWire.FLAGS_DEFINED) != 0) {
      throw RwtProtocolException.protocol("undefined flag bits 0x" + Integer.toHexString(flags));
    }
    return type;
  }

  private static void putHeader(ByteBuffer b, FrameType type, int flags, int channel, long seq, long epoch) {
    b.put((byte) RwtWire.VERSION)
        .put((byte) type.code())
        .put((byte) flags)
        .putShort((short) channel)
        .putLong(seq)
        .putInt((int) epoch);
  }
}
