package dev.rwt.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * One RWT frame as it travels on the wire: the 17 header bytes split into fields, the
 * 16-byte token and the (possibly encrypted and compressed) body.
 *
 * <p>Immutable: arrays are copied in and out. Thread-safe. Build with
 * {@link FrameCodec#decode(byte[])} or the constructor; turn into bytes with
 * {@link FrameCodec#encode(Frame)}.
 */
public final class Frame {
  private final FrameType type;
  private final int flags;
  private final int channel;
  private final long seq;
  private final long epoch;
  private final byte[] token;
  private final byte[] body;

  /**
   * @param flags defined flag bits only ({@link RwtWire#FLAGS_DEFINED})
   * @param channel 0..65535
   * @param seq u64, carried in a long (compare with {@link Long#compareUnsigned})
   * @param epoch 0..2^32-1
   * @param token exactly 16 bytes
   * @throws IllegalArgumentException when a field is out of its wire range
   */
  public Frame(FrameType type, int flags, int channel, long seq, long epoch, byte[] token, byte[] body) {
    this(type, flags, channel, seq, epoch, token.clone(), body.clone(), true);
  }

  private Frame(FrameType type, int flags, int channel, long seq, long epoch, byte[] token, byte[] body, boolean owned) {
    this.type = Objects.requireNonNull(type, "type");
    if ((flags & ~RwtWire.FLAGS_DEFINED) != 0) {
      throw new IllegalArgumentException("undefined flag bits: 0x" + Integer.toHexString(flags));
    }
    if (channel < 0 || channel > RwtWire.MAX_CHANNEL) {
      throw new IllegalArgumentException("channel out of range: " + channel);
    }
    if (epoch < 0 || epoch > RwtWire.MAX_EPOCH) {
      throw new IllegalArgumentException("epoch out of range: " + epoch);
    }
    if (token.length != RwtWire.TOKEN_LENGTH) {
      throw new IllegalArgumentException("token must be " + RwtWire.TOKEN_LENGTH + " bytes");
    }
    this.flags = flags;
    this.channel = channel;
    this.seq = seq;
    this.epoch = epoch;
    this.token = token;
    this.body = Objects.requireNonNull(body, "body");
  }

  /** Wraps arrays the caller gives up; no copies. */
  static Frame adopt(FrameType type, int flags, int channel, long seq, long epoch, byte[] token, byte[] body) {
    return new Frame(type, flags, channel, seq, epoch, token, body, true);
  }

  public FrameType type() {
    return type;
  }

  public int flags() {
    return flags;
  }

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  public int channel() {
    return channel;
  }

  public long seq() {
    return seq;
  }

  public long epoch() {
    return epoch;
  }

  /** A copy of the 16-byte token. */
  public byte[] token() {
    return token.clone();
  }

  /** A copy of the body as carried on the wire. */
  public byte[] body() {
    return body.clone();
  }

  int bodyLength() {
    return body.length;
  }

  byte[] tokenRef() {
    return token;
  }

  byte[] bodyRef() {
    return body;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f
        && type == f.type
        && flags == f.flags
        && channel == f.channel
        && seq == f.seq
        && epoch == f.epoch
        && Arrays.equals(token, f.token)
        && Arrays.equals(body, f.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, flags, channel, seq, epoch, Arrays.hashCode(token), Arrays.hashCode(body));
  }

  /** Header fields and body length only; never the token or the body. */
  @Override
  public String toString() {
    return "Frame[" + type + " flags=0x" + Integer.toHexString(flags) + " channel=" + channel
        + " seq=" + Long.toUnsignedString(seq) + " epoch=" + epoch + " body=" + body.length + "B]";
  }
}
