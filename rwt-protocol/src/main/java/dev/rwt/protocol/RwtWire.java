package dev.rwt.protocol;

/**
 * Every number of the RWT/1 wire format, in one place.
 *
 * <pre>
 * offset size  field
 *  0      1    version   = 0x01
 *  1      1    type      ({@link FrameType})
 *  2      1    flags     bit0 ENC, bit1 DEFLATE, bit2 JSON, bit3 META; other bits 0
 *  3      2    channel   0 = the connection itself, 1..65535 = a subscription id
 *  5      8    seq       per-direction sequence number (u64)
 * 13      4    epoch     rotation epoch the frame was sealed in (u32)
 * 17     16    token     HMAC-SHA256(mac_e, header || body)[0..16), or the AES-GCM tag
 * 33      n    body
 *
 * "header" is bytes 0..16 (17 bytes, token excluded): the MAC input prefix and the GCM aad.
 *
 * BATCH envelope: a header of zeros apart from version and type 0x0F, then
 *   ( u32 length || sealed frame ) repeated one or more times.
 *
 * META plaintext:   u16 length L || L bytes of UTF-8 JSON || payload
 * ENC nonce (12):   dirByte || 0x00 0x00 0x00 || seq (8 bytes)
 * </pre>
 *
 * <p>All integers are unsigned big-endian. This class only holds constants; it is
 * trivially thread-safe.
 */
public final class RwtWire {
  private RwtWire() {}

  /** The WebSocket subprotocol a client offers and the server selects. */
  public static final String SUBPROTOCOL = "rwt.v1";

  /** The default endpoint path. */
  public static final String DEFAULT_PATH = "/rwt";

  /** The only protocol version: the first byte of every frame and HELLO's {@code v}. */
  public static final int VERSION = 0x01;

  public static final int OFFSET_VERSION = 0;
  public static final int OFFSET_TYPE = 1;
  public static final int OFFSET_FLAGS = 2;
  public static final int OFFSET_CHANNEL = 3;
  public static final int OFFSET_SEQ = 5;
  public static final int OFFSET_EPOCH = 13;
  public static final int OFFSET_TOKEN = 17;

  /** Bytes 0..16: what the MAC covers before the body and what GCM authenticates as aad. */
  public static final int AAD_LENGTH = 17;

  /** Size of the token field: the truncated HMAC or the GCM tag. */
  public static final int TOKEN_LENGTH = 16;

  /** Full fixed header including the token; the body starts here. */
  public static final int HEADER_LENGTH = AAD_LENGTH + TOKEN_LENGTH;

  /** Body is AES-256-GCM ciphertext; the token is the GCM tag. */
  public static final int FLAG_ENC = 0x01;
  /** Plaintext body (META included) is raw DEFLATE (RFC 1951). */
  public static final int FLAG_DEFLATE = 0x02;
  /** Payload is UTF-8 JSON. */
  public static final int FLAG_JSON = 0x04;
  /** Plaintext starts with u16 length + JSON metadata. */
  public static final int FLAG_META = 0x08;
  /** Every defined flag bit; any other bit set is a protocol error. */
  public static final int FLAGS_DEFINED = FLAG_ENC | FLAG_DEFLATE | FLAG_JSON | FLAG_META;

  public static final int MAX_CHANNEL = 0xFFFF;
  public static final long MAX_EPOCH = 0xFFFF_FFFFL;

  /** Length prefix of each BATCH entry. */
  public static final int BATCH_ENTRY_PREFIX = 4;
  /** Length prefix of the META block. */
  public static final int META_LENGTH_PREFIX = 2;
  public static final int MAX_META_LENGTH = 0xFFFF;

  /** Size of ACK and PING bodies (u64). */
  public static final int U64_BODY_LENGTH = 8;

  /** HELLO/WELCOME nonce length. */
  public static final int NONCE_LENGTH = 32;
  /** Uncompressed P-256 point: 0x04 || x || y. */
  public static final int EC_POINT_LENGTH = 65;
  /** IEEE P1363 ECDSA P-256 signature: r || s. */
  public static final int SIGNATURE_LENGTH = 64;
  /** Chain, mac, enc, resume keys and the resume proof. */
  public static final int KEY_LENGTH = 32;

  /** AES-GCM nonce length and its layout. */
  public static final int GCM_NONCE_LENGTH = 12;
  public static final int GCM_TAG_BITS = TOKEN_LENGTH * 8;
  public static final int GCM_NONCE_SEQ_OFFSET = 4;

  public static final byte DIR_C2S = 0x01;
  public static final byte DIR_S2C = 0x02;

  /** One-byte HMAC messages of the ratchet (section 4). */
  public static final byte RATCHET_MAC = 0x01;
  public static final byte RATCHET_ENC = 0x02;
  public static final byte RATCHET_NEXT = 0x03;

  public static final String INFO_C2S = "rwt/1 c2s";
  public static final String INFO_S2C = "rwt/1 s2c";
  public static final String INFO_RESUME = "rwt/1 resume";

  /** Channel names: {@code ^[A-Za-z0-9._:-]{1,100}$}. */
  public static final String CHANNEL_NAME_PATTERN = "^[A-Za-z0-9._:-]{1,100}$";

  /** A receiver ACKs at least every this many reliable frames ... */
  public static final int ACK_EVERY_FRAMES = 32;
  /** ... or this many milliseconds, whichever is first. */
  public static final long ACK_EVERY_MS = 250;

  /** Silence of this many heartbeat intervals closes with HEARTBEAT. */
  public static final int HEARTBEAT_MISSES = 2;

  /** The most a client accepts for a WELCOME message, before maxFrameBytes is known. */
  public static final int MAX_WELCOME_BYTES = 65536;

  /** WebSocket close reasons are at most 123 UTF-8 bytes. */
  public static final int MAX_CLOSE_REASON_BYTES = 123;
}
