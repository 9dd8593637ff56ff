package dev.rwt.protocol;

/**
 * A frame body ready for sealing: META prepended and DEFLATE applied once, so a server
 * fanning one message out to many sessions does that work once and only seals per session.
 *
 * <p>Immutable and thread-safe.
 */
public final class Plaintext {
  private final byte[] body;
  private final int flags;
  private final int inflatedLength;

  private Plaintext(byte[] body, int flags, int inflatedLength) {
    this.body = body;
    this.flags = flags;
    this.inflatedLength = inflatedLength;
  }

  /**
   * Builds the body: META block + payload, then DEFLATE when asked and when it makes the
   * body smaller (otherwise the DEFLATE flag is dropped).
   */
  public static Plaintext prepare(byte[] payload, SealOptions options) {
    byte[] plain = options.meta() != null ? Meta.join(options.meta(), payload) : payload.clone();
    int flags = options.flags();
    if (options.isDeflate()) {
      byte[] packed = Deflate.compress(plain);
      if (packed.length < plain.length) {
        return new Plaintext(packed, flags, plain.length);
      }
      flags &= ~RwtWire.FLAG_DEFLATE;
    }
    return new Plaintext(plain, flags, plain.length);
  }

  /** The flags the frame will carry (DEFLATE only when it was applied). */
  public int flags() {
    return flags;
  }

  /** The body size before compression: what the receiver's limit applies to. */
  public int inflatedLength() {
    return inflatedLength;
  }

  /** The body size as sealed (after compression). */
  public int length() {
    return body.length;
  }

  byte[] bodyRef() {
    return body;
  }

  @Override
  public String toString() {
    return "Plaintext[flags=0x" + Integer.toHexString(flags) + ", " + body.length + "B]";
  }
}
