package dev.rwt.protocol;

import java.util.Arrays;

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
    byte[] header = new byte[RwtWire.AAD_LENGTH];
    header(header, 0, type, flags, channel, seq, epoch);
    return header;
  }

  /** Writes the 17-byte header (section 2, without the token) at {@code offset} of {@code out}. */
  static void header(byte[] out, int offset, FrameType type, int flags, int channel, long seq, long epoch) {
    out[offset + RwtWire.OFFSET_VERSION] = (byte) RwtWire.VERSION;
    out[offset + RwtWire.OFFSET_TYPE] = (byte) type.code();
    out[offset + RwtWire.OFFSET_FLAGS] = (byte) flags;
    BigEndian.put(out, offset + RwtWire.OFFSET_CHANNEL, channel, Short.BYTES);
    BigEndian.put(out, offset + RwtWire.OFFSET_SEQ, seq, Long.BYTES);
    BigEndian.put(out, offset + RwtWire.OFFSET_EPOCH, epoch, Integer.BYTES);
  }

  /** The header of an existing frame. */
  public static byte[] header(Frame frame) {
    return header(frame.type(), frame.flags(), frame.channel(), frame.seq(), frame.epoch());
  }

  /** The full wire bytes: header, token, body. */
  public static byte[] encode(Frame frame) {
    byte[] out = new byte[RwtWire.HEADER_LENGTH + frame.bodyLength()];
    header(out, 0, frame.type(), frame.flags(), frame.channel(), frame.seq(), frame.epoch());
    System.arraycopy(frame.tokenRef(), 0, out, RwtWire.AAD_LENGTH, RwtWire.TOKEN_LENGTH);
    System.arraycopy(frame.bodyRef(), 0, out, RwtWire.HEADER_LENGTH, frame.bodyLength());
    return out;
  }

  /**
   * Parses one frame.
   *
   * @throws RwtProtocolException PROTOCOL when shorter than a header, of another version,
   *     of an unknown type, or with undefined flag bits
   */
  public static Frame decode(byte[] message) throws RwtProtocolException {
    return decode(message, 0, message == null ? 0 : message.length);
  }

  /** As {@link #decode(byte[])}, of the {@code length} bytes at {@code offset} (a BATCH entry). */
  static Frame decode(byte[] bytes, int offset, int length) throws RwtProtocolException {
    FrameType type = checkHeader(bytes, offset, length);
    int flags = bytes[offset + RwtWire.OFFSET_FLAGS] & 0xFF;
    int channel = (int) BigEndian.get(bytes, offset + RwtWire.OFFSET_CHANNEL, Short.BYTES);
    long seq = BigEndian.get(bytes, offset + RwtWire.OFFSET_SEQ, Long.BYTES);
    long epoch = BigEndian.get(bytes, offset + RwtWire.OFFSET_EPOCH, Integer.BYTES);
    byte[] token = Arrays.copyOfRange(bytes, offset + RwtWire.OFFSET_TOKEN, offset + RwtWire.HEADER_LENGTH);
    byte[] body = Arrays.copyOfRange(bytes, offset + RwtWire.HEADER_LENGTH, offset + length);
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
}
