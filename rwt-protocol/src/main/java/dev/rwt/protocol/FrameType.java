package dev.rwt.protocol;

/**
 * The frame types of PROTOCOL.md section 3, with who may send each and whether the sender
 * keeps it for resume until acknowledged. Immutable and thread-safe.
 */
public enum FrameType {
  HELLO(0x01, Sender.CLIENT, false),
  WELCOME(0x02, Sender.SERVER, false),
  SUBSCRIBE(0x03, Sender.CLIENT, true),
  SUBSCRIBED(0x04, Sender.SERVER, true),
  UNSUBSCRIBE(0x05, Sender.CLIENT, true),
  UNSUBSCRIBED(0x06, Sender.SERVER, true),
  REFRESH(0x07, Sender.CLIENT, true),
  REFRESHED(0x08, Sender.SERVER, true),
  /** Unsealed envelope of sealed frames (section 2.1). */
  BATCH(0x0F, Sender.BOTH, false),
  MESSAGE(0x10, Sender.BOTH, true),
  /** Body: u64 highest seq received from the peer. */
  ACK(0x11, Sender.BOTH, false),
  CALL(0x20, Sender.CLIENT, true),
  RESULT(0x21, Sender.SERVER, true),
  /** Body: u64 sender's unix-ms. */
  PING(0x30, Sender.BOTH, false),
  /** Body: the PING's body, echoed. */
  PONG(0x31, Sender.BOTH, false),
  ERROR(0x3F, Sender.SERVER, false);

  private enum Sender {
    CLIENT,
    SERVER,
    BOTH
  }

  private static final FrameType[] BY_CODE = new FrameType[256];

  static {
    for (FrameType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final Sender sender;
  private final boolean reliable;

  FrameType(int code, Sender sender, boolean reliable) {
    this.code = code;
    this.sender = sender;
    this.reliable = reliable;
  }

  /** The type byte on the wire. */
  public int code() {
    return code;
  }

  /**
   * Whether the sender keeps frames of this type until the peer ACKs them and resends
   * them on resume (section 6). ACK, PING, PONG and ERROR are not kept.
   */
  public boolean isReliable() {
    return reliable;
  }

  /** Whether a frame of this type may travel in {@code direction}. */
  public boolean allowedIn(Direction direction) {
    return switch (sender) {
      case BOTH -> true;
      case CLIENT -> direction == Direction.C2S;
      case SERVER -> direction == Direction.S2C;
    };
  }

  /**
   * Whether the body of this type must be JSON whatever its flags say (section 3): HELLO,
   * WELCOME, SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBED, REFRESH, REFRESHED, CALL, RESULT, ERROR.
   */
  public boolean hasJsonBody() {
    return switch (this) {
      case HELLO, WELCOME, SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBED, REFRESH, REFRESHED, CALL, RESULT, ERROR -> true;
      default -> false;
    };
  }

  /** Whether the body of this type is exactly a u64 (ACK, PING). */
  public boolean hasU64Body() {
    return this == ACK || this == PING;
  }

  /** Whether this type may appear as an entry of a BATCH (everything but HELLO, WELCOME, BATCH). */
  public boolean batchable() {
    return this != HELLO && this != WELCOME && this != BATCH;
  }

  /**
   * The type for a wire byte.
   *
   * @throws RwtProtocolException PROTOCOL for an unknown type
   */
  public static FrameType fromCode(int code) throws RwtProtocolException {
    FrameType t = (code >= 0 && code < BY_CODE.length) ? BY_CODE[code] : null;
    if (t == null) {
      throw RwtProtocolException.protocol("unknown frame type 0x" + Integer.toHexString(code));
    }
    return t;
  }
}
