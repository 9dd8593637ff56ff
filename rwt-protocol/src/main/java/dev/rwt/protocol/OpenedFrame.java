package dev.rwt.protocol;

import java.util.Map;

/**
 * A frame that passed every check of {@link SecureSession#open}: token, epoch window, seq,
 * type and body. The payload is plaintext: decrypted, inflated, META removed.
 *
 * @param flags the flags as received (ENC and DEFLATE tell how it travelled)
 * @param payload the plaintext payload; do not modify
 * @param meta the META object, or null without the META flag
 * @param json the parsed payload (see {@link Json}) when the payload is JSON, else null
 */
public record OpenedFrame(FrameType type, int flags, int channel, long seq, long epoch, byte[] payload,
    Map<String, Object> meta, Object json) {

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  /** The payload as a u64, for ACK and PING. */
  public long u64() {
    long v = 0;
    for (int i = 0; i < RwtWire.U64_BODY_LENGTH && i < payload.length; i++) {
      v = (v << Byte.SIZE) | (payload[i] & 0xFF);
    }
    return v;
  }

  /** Header fields only: the payload may be confidential. */
  @Override
  public String toString() {
    return "OpenedFrame[" + type + " flags=0x" + Integer.toHexString(flags) + " channel=" + channel + " seq="
        + Long.toUnsignedString(seq) + " epoch=" + epoch + " payload=" + payload.length + "B]";
  }
}
