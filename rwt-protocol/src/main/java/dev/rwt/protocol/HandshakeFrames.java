package dev.rwt.protocol;

import java.util.Arrays;

/**
 * Frame-level rules shared by the two handshake roles: HELLO is unsealed (zero token) and
 * WELCOME is MAC-sealed with s2c epoch 0; both have flags JSON, channel 0, seq 0, epoch 0.
 * Stateless.
 */
final class HandshakeFrames {
  private static final byte[] ZERO_TOKEN = new byte[RwtWire.TOKEN_LENGTH];

  private HandshakeFrames() {}

  static byte[] encodeHello(Hello hello) {
    return FrameCodec.encode(Frame.adopt(FrameType.HELLO, RwtWire.FLAG_JSON, 0, 0, 0, ZERO_TOKEN.clone(),
        Json.write(hello.toJson())));
  }

  /** Decodes and checks the fixed fields of a handshake frame of {@code type}. */
  static Frame decode(byte[] message, FrameType type, long limit) throws RwtProtocolException {
    if (message == null || message.length > limit) {
      throw RwtProtocolException.tooLarge(type + " over " + limit + " bytes");
    }
    Frame f = FrameCodec.decode(message);
    if (f.type() != type) {
      throw RwtProtocolException.protocol("expected " + type + ", got " + f.type());
    }
    if (f.flags() != RwtWire.FLAG_JSON || f.channel() != 0 || f.seq() != 0 || f.epoch() != 0) {
      throw RwtProtocolException.protocol(type + " must have flags JSON, channel 0, seq 0, epoch 0");
    }
    if (type == FrameType.HELLO && !Arrays.equals(f.tokenRef(), ZERO_TOKEN)) {
      throw RwtProtocolException.protocol("HELLO token must be zero");
    }
    return f;
  }

  /** Epoch-0 keys of {@code direction}, for the WELCOME token; the caller destroys them. */
  static EpochKeys epochZero(SessionKeys keys, Direction direction) {
    KeyRatchet.Step step = KeyRatchet.step(keys.chain0(direction));
    step.next().destroy();
    return new EpochKeys(0, step.mac(), step.enc());
  }
}
