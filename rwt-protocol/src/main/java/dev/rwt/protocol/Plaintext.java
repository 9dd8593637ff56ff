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

  /**
   * A body made earlier by {@link #prepare}, taken back from {@link #body()}, {@link #flags()}
   * and {@link #inflatedLength()} (a session moving to another node carries its unacknowledged
   * frames this way).
   *
   * @throws IllegalArgumentException when the three do not describe a prepared body
   */
  public static Plaintext restore(byte[] body, int flags, int inflatedLength) {
    if ((flags & ~RwtWire.FLAGS_DEFINED) != 0) {
      throw new IllegalArgumentException("undefined flags 0x" + Integer.toHexString(flags));
    }
    boolean deflated = (flags & RwtWire.FLAG_DEFLATE) != 0;
    if (deflated ? inflatedLength <= body.length : inflatedLength != body.length) {
      throw new IllegalArgumentException("inflated length " + inflatedLength + " does not fit a body of "
          + body.length + " bytes" + (deflated ? " (deflated)" : ""));
    }
    return new Plaintext(body.clone(), flags, inflatedLength);
  }

  /** A copy of the body as it will be sealed (compressed when {@link #flags()} say DEFLATE). */
  public byte[] body() {
    return body.clone();
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
