package dev.rwt.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BATCH envelopes (PROTOCOL.md section 2.1): several sealed frames in one WebSocket message.
 *
 * <pre>
 * 01 0F 00 | 00 00 | 00 x8 | 00 x4 | 00 x16 |  ( u32 length || sealed frame )+
 * </pre>
 *
 * <p>The envelope is not sealed; each entry carries its own token and is opened exactly as
 * if it had arrived alone. Stateless and thread-safe.
 */
public final class Batch {
  private static final byte[] ZERO_TOKEN = new byte[RwtWire.TOKEN_LENGTH];

  private Batch() {}

  /** Whether {@code message} is a BATCH envelope (by its type byte; not yet validated). */
  public static boolean isBatch(byte[] message) {
    return message.length > RwtWire.OFFSET_TYPE && (message[RwtWire.OFFSET_TYPE] & 0xFF) == FrameType.BATCH.code();
  }

  /**
   * Packs sealed frames, in order, into one envelope.
   *
   * @param frames at least one complete sealed frame, none a HELLO, WELCOME or BATCH
   * @param maxFrameBytes the negotiated limit; the result must stay within maxFrameBytes + 33
   * @throws IllegalArgumentException when the list is empty, an entry is not batchable, or
   *     the envelope would be over the limit (send fewer frames per batch)
   */
  public static byte[] pack(List<byte[]> frames, int maxFrameBytes) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one frame");
    }
    long total = RwtWire.HEADER_LENGTH;
    for (byte[] f : frames) {
      if (!isBatchable(f)) {
        throw new IllegalArgumentException("not a batchable sealed frame");
      }
      total += RwtWire.BATCH_ENTRY_PREFIX + f.length;
    }
    if (total > (long) maxFrameBytes + RwtWire.HEADER_LENGTH) {
      throw new IllegalArgumentException("batch of " + total + " bytes over maxFrameBytes + header");
    }
    ByteBuffer b = ByteBuffer.allocate((int) total);
    b.put(FrameCodec.header(FrameType.BATCH, 0, 0, 0, 0)).put(ZERO_TOKEN);
    for (byte[] f : frames) {
      b.putInt(f.length).put(f);
    }
    return b.array();
  }

  /** Whether {@code frame} may travel inside a BATCH (every type but HELLO, WELCOME and BATCH). */
  public static boolean isBatchable(byte[] frame) {
    if (frame.length < RwtWire.HEADER_LENGTH) {
      return false;
    }
    try {
      return FrameType.fromCode(frame[RwtWire.OFFSET_TYPE] & 0xFF).batchable();
    } catch (RwtProtocolException e) {
      return false;
    }
  }

  /** How many bytes {@code frame} adds to a batch; for filling batches up to the limit. */
  public static int entrySize(byte[] frame) {
    return RwtWire.BATCH_ENTRY_PREFIX + frame.length;
  }

  /**
   * Splits an envelope into its entries after checking every structural rule. Entries are
   * not opened here.
   *
   * @throws RwtProtocolException TOO_LARGE when over maxFrameBytes + 33; PROTOCOL when the
   *     envelope is malformed, has non-zero fields, is empty, its lengths do not add up to
   *     its body exactly, or an entry is not a frame or is a HELLO, WELCOME or BATCH
   */
  public static List<byte[]> unpack(byte[] message, int maxFrameBytes) throws RwtProtocolException {
    if (message.length > (long) maxFrameBytes + RwtWire.HEADER_LENGTH) {
      throw RwtProtocolException.tooLarge("batch of " + message.length + " bytes over the limit");
    }
    Frame envelope = FrameCodec.decode(message);
    if (envelope.type() != FrameType.BATCH) {
      throw RwtProtocolException.protocol("not a BATCH");
    }
    if (envelope.flags() != 0 || envelope.channel() != 0 || envelope.seq() != 0 || envelope.epoch() != 0
        || !Arrays.equals(envelope.tokenRef(), ZERO_TOKEN)) {
      throw RwtProtocolException.protocol("BATCH envelope fields must be zero");
    }
    ByteBuffer body = ByteBuffer.wrap(envelope.bodyRef());
    List<byte[]> entries = new ArrayList<>();
    while (body.hasRemaining()) {
      if (body.remaining() < RwtWire.BATCH_ENTRY_PREFIX) {
        throw RwtProtocolException.protocol("BATCH entry length cut short");
      }
      long length = body.getInt() & 0xFFFF_FFFFL;
      if (length > body.remaining()) {
        throw RwtProtocolException.protocol("BATCH entry length past the end");
      }
      byte[] entry = new byte[(int) length];
      body.get(entry);
      if (!FrameCodec.decode(entry).type().batchable()) {
        throw RwtProtocolException.protocol("BATCH entry may not be HELLO, WELCOME or BATCH");
      }
      entries.add(entry);
    }
    if (entries.isEmpty()) {
      throw RwtProtocolException.protocol("empty BATCH");
    }
    return entries;
  }

}
