package dev.rwt.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
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

  /**
   * A frame in a sender's queue that is sealed only as it leaves, so that its token is made in
   * the epoch in which it is written (natural batching: {@link #take}, then {@link #seal}).
   */
  public interface Pending {
    /** Its size once sealed, in bytes, known before sealing. */
    int length();

    /** Whether it may travel in a BATCH (every type but HELLO, WELCOME and BATCH). */
    boolean batchable();

    /**
     * Its bytes, sealed now. Called once per frame, in queue order.
     *
     * @throws IllegalStateException when the connection's keys are gone (it is closing)
     */
    byte[] seal();

    /** A frame that is already sealed (a WELCOME, or frames to {@link #pack}). */
    static Pending sealed(byte[] frame) {
      return new Pending() {
        @Override
        public int length() {
          return frame.length;
        }

        @Override
        public boolean batchable() {
          return isBatchable(frame);
        }

        @Override
        public byte[] seal() {
          return frame;
        }
      };
    }

    /**
     * Seals it now into {@code out} at {@code offset}, which has {@link #length()} bytes there:
     * a BATCH is filled in place, without a copy of each frame. By default, {@link #seal()}
     * copied in.
     *
     * @throws IllegalStateException as {@link #seal()}
     */
    default void sealInto(byte[] out, int offset) {
      byte[] sealed = seal();
      if (sealed.length != length()) {
        throw new IllegalStateException("sealed " + sealed.length + " bytes, announced " + length());
      }
      System.arraycopy(sealed, 0, out, offset, sealed.length);
    }
  }

  /**
   * Takes the next message's frames off the head of a sender's queue: the head alone, or the
   * head and as many batchable frames behind it as fit one BATCH within {@code maxFrameBytes}.
   * Nothing is held back: what is queued now leaves now.
   *
   * @param queue not empty
   * @param maxFrameBytes the negotiated limit; 0 or less sends every frame alone
   */
  public static <F extends Pending> List<F> take(Deque<F> queue, int maxFrameBytes) {
    F first = queue.removeFirst();
    if (maxFrameBytes <= 0 || !first.batchable() || queue.isEmpty()) {
      return List.of(first);
    }
    List<F> entries = new ArrayList<>();
    entries.add(first);
    long size = RwtWire.BATCH_ENTRY_PREFIX + (long) first.length();
    while (!queue.isEmpty() && queue.peekFirst().batchable()
        && size + RwtWire.BATCH_ENTRY_PREFIX + queue.peekFirst().length() <= maxFrameBytes) {
      F next = queue.removeFirst();
      size += RwtWire.BATCH_ENTRY_PREFIX + (long) next.length();
      entries.add(next);
    }
    return entries;
  }

  /**
   * Seals {@code frames} (from {@link #take}) in order into the message that carries them: the
   * frame itself, or a BATCH of them.
   *
   * @throws IllegalStateException when a frame cannot be sealed (see {@link Pending#seal})
   */
  public static byte[] seal(List<? extends Pending> frames, int maxFrameBytes) {
    if (frames.size() == 1) {
      return frames.get(0).seal();
    }
    return envelope(frames, maxFrameBytes);
  }

  /**
   * The BATCH of {@code frames}, each sealed into it in place, in order.
   *
   * @throws IllegalArgumentException when a frame is not batchable or the envelope would be over
   *     the limit
   */
  private static byte[] envelope(List<? extends Pending> frames, int maxFrameBytes) {
    long total = RwtWire.HEADER_LENGTH;
    for (Pending f : frames) {
      if (!f.batchable()) {
        throw new IllegalArgumentException("not a batchable sealed frame");
      }
      total += RwtWire.BATCH_ENTRY_PREFIX + (long) f.length();
    }
    if (total > (long) maxFrameBytes + RwtWire.HEADER_LENGTH) {
      throw new IllegalArgumentException("batch of " + total + " bytes over maxFrameBytes + header");
    }
    byte[] out = new byte[(int) total];
    FrameCodec.header(out, 0, FrameType.BATCH, 0, 0, 0, 0); // the token stays 16 zero bytes
    int at = RwtWire.HEADER_LENGTH;
    for (Pending f : frames) {
      int length = f.length();
      at = BigEndian.put(out, at, length, RwtWire.BATCH_ENTRY_PREFIX);
      f.sealInto(out, at);
      at += length;
    }
    return out;
  }

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
    List<Pending> sealed = new ArrayList<>(frames.size());
    for (byte[] f : frames) {
      sealed.add(Pending.sealed(f));
    }
    return envelope(sealed, maxFrameBytes);
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
    int[] entries = entries(message, maxFrameBytes);
    List<byte[]> out = new ArrayList<>(entries.length / 2);
    for (int i = 0; i < entries.length; i += 2) {
      out.add(Arrays.copyOfRange(message, entries[i], entries[i] + entries[i + 1]));
    }
    return out;
  }

  /**
   * Where the entries of an envelope are, after the checks of {@link #unpack}, without copying
   * them: offset and length of each entry in turn, in {@code message}.
   *
   * @throws RwtProtocolException as {@link #unpack}
   */
  static int[] entries(byte[] message, int maxFrameBytes) throws RwtProtocolException {
    if (message.length > (long) maxFrameBytes + RwtWire.HEADER_LENGTH) {
      throw RwtProtocolException.tooLarge("batch of " + message.length + " bytes over the limit");
    }
    if (FrameCodec.checkHeader(message, 0, message.length) != FrameType.BATCH) {
      throw RwtProtocolException.protocol("not a BATCH");
    }
    // every field after the type is zero: flags, channel, seq, epoch and token
    for (int i = RwtWire.OFFSET_FLAGS; i < RwtWire.HEADER_LENGTH; i++) {
      if (message[i] != 0) {
        throw RwtProtocolException.protocol("BATCH envelope fields must be zero");
      }
    }
    // each entry is at least a header and its length: that bounds how many there can be
    int[] entries = new int[2 * ((message.length - RwtWire.HEADER_LENGTH)
        / (RwtWire.BATCH_ENTRY_PREFIX + RwtWire.HEADER_LENGTH) + 1)];
    int count = 0;
    int at = RwtWire.HEADER_LENGTH;
    while (at < message.length) {
      if (message.length - at < RwtWire.BATCH_ENTRY_PREFIX) {
        throw RwtProtocolException.protocol("BATCH entry length cut short");
      }
      long length = BigEndian.get(message, at, RwtWire.BATCH_ENTRY_PREFIX);
      at += RwtWire.BATCH_ENTRY_PREFIX;
      if (length > message.length - at) {
        throw RwtProtocolException.protocol("BATCH entry length past the end");
      }
      if (!FrameCodec.checkHeader(message, at, (int) length).batchable()) {
        throw RwtProtocolException.protocol("BATCH entry may not be HELLO, WELCOME or BATCH");
      }
      entries[count++] = at;
      entries[count++] = (int) length;
      at += (int) length;
    }
    if (count == 0) {
      throw RwtProtocolException.protocol("empty BATCH");
    }
    return Arrays.copyOf(entries, count);
  }
}
