package dev.rwt.protocol;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/**
 * Seals and opens single frames under one epoch's keys (PROTOCOL.md section 5).
 *
 * <pre>
 * not ENC: token = HMAC-SHA256(mac_e, header || body)[0..16)
 * ENC:     nonce = dirByte || 00 00 00 || seq(8)
 *          body || token = AES-256-GCM(enc_e, nonce, aad = header, plaintext)
 * </pre>
 *
 * <p>The caller chooses the keys (that is, the epoch) and checks seq; this class only does
 * the cryptography. Stateless and thread-safe: the HMAC and AES-GCM engines are kept per key
 * ({@link MacEngines}, {@link GcmEngines}). Opening throws; it never returns a flag.
 */
public final class FrameSealer {
  private FrameSealer() {}

  /**
   * Seals {@code body} (already META-prefixed and deflated as its flags say) into wire bytes.
   * The epoch field is {@code keys.epoch()}; ENC in {@code flags} selects AES-GCM.
   */
  public static byte[] seal(Direction direction, EpochKeys keys, FrameType type, int flags, int channel, long seq,
      byte[] body) {
    byte[] out = new byte[sealedLength(body)];
    sealInto(direction, keys, type, flags, channel, seq, body, out, 0);
    return out;
  }

  /** The length of a frame sealed from {@code body}: the header, the token, and a body of the same length. */
  static int sealedLength(byte[] body) {
    return RwtWire.HEADER_LENGTH + body.length;
  }

  /**
   * As {@link #seal}, written at {@code offset} of {@code out} (a BATCH being filled, say), which
   * must have {@link #sealedLength} bytes there.
   */
  static void sealInto(Direction direction, EpochKeys keys, FrameType type, int flags, int channel, long seq,
      byte[] body, byte[] out, int offset) {
    FrameCodec.header(out, offset, type, flags, channel, seq, keys.epoch());
    int tokenAt = offset + RwtWire.AAD_LENGTH;
    int bodyAt = offset + RwtWire.HEADER_LENGTH;
    if ((flags & RwtWire.FLAG_ENC) != 0) {
      byte[] header = Arrays.copyOfRange(out, offset, tokenAt);
      byte[] sealed = gcm(Cipher.ENCRYPT_MODE, keys, direction, seq, header, body);
      System.arraycopy(sealed, 0, out, bodyAt, body.length);
      System.arraycopy(sealed, body.length, out, tokenAt, RwtWire.TOKEN_LENGTH);
    } else {
      byte[] mac = keys.macs().hmac(out, offset, RwtWire.AAD_LENGTH, body);
      System.arraycopy(mac, 0, out, tokenAt, RwtWire.TOKEN_LENGTH);
      System.arraycopy(body, 0, out, bodyAt, body.length);
    }
  }

  /**
   * Checks the token of {@code frame} under {@code keys} and returns the plaintext body
   * (decrypted when ENC; still deflated and META-prefixed as its flags say).
   *
   * @throws RwtProtocolException BAD_TOKEN when the token does not verify or the keys
   *     are for another epoch
   */
  public static byte[] open(Direction direction, EpochKeys keys, Frame frame) throws RwtProtocolException {
    if (keys.epoch() != frame.epoch()) {
      throw RwtProtocolException.badToken("keys of epoch " + keys.epoch() + " for a frame of epoch " + frame.epoch());
    }
    byte[] header = FrameCodec.header(frame);
    if (!frame.has(RwtWire.FLAG_ENC)) {
      if (!MessageDigest.isEqual(macToken(keys, header, frame.bodyRef()), frame.tokenRef())) {
        throw RwtProtocolException.badToken("token does not verify");
      }
      return frame.bodyRef();
    }
    byte[] input = KeySchedule.concat(frame.bodyRef(), frame.tokenRef());
    try {
      return gcmChecked(Cipher.DECRYPT_MODE, keys, direction, frame.seq(), header, input);
    } catch (AEADBadTagException e) {
      throw RwtProtocolException.badToken("GCM tag does not verify");
    }
  }

  /** HMAC-SHA256(mac_e, header || body) truncated to the token length. */
  static byte[] macToken(EpochKeys keys, byte[] header, byte[] body) {
    return Arrays.copyOf(keys.macs().hmac(header, body), RwtWire.TOKEN_LENGTH);
  }

  static byte[] nonce(Direction direction, long seq) {
    return ByteBuffer.allocate(RwtWire.GCM_NONCE_LENGTH)
        .put(direction.nonceByte())
        .position(RwtWire.GCM_NONCE_SEQ_OFFSET)
        .putLong(seq)
        .array();
  }

  private static byte[] gcm(int mode, EpochKeys keys, Direction direction, long seq, byte[] aad, byte[] input) {
    try {
      return gcmChecked(mode, keys, direction, seq, aad, input);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("GCM encryption cannot fail a tag check", e);
    }
  }

  private static byte[] gcmChecked(int mode, EpochKeys keys, Direction direction, long seq, byte[] aad, byte[] input)
      throws AEADBadTagException {
    return keys.gcm().apply(mode, nonce(direction, seq), aad, input);
  }
}
