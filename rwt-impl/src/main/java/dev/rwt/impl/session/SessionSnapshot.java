package dev.rwt.impl.session;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.RwtProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a detached session needs to resume on another node (PROTOCOL.md section 6): its id, its
 * principal, its seq counters, its subscriptions, its resume keys and the reliable frames the
 * client has not acknowledged. The identity's claims and rotation key are not carried: the
 * resuming client authenticates again and its fresh identity replaces them before anything is
 * sent. Session attributes stay on the node that set them. With a backplane that keeps a log, it
 * also holds where the session stood in it ({@link LogMark}), so that the adopting node replays
 * what was published while the session moved.
 *
 * <pre>
 *   u8 version (2) | utf id | utf principal | i64 detachedAtMs
 *   | i64 lastSentSeq | i64 lastReceivedSeq
 *   | utf origin | i64 origin serial | i64 log position (Long.MIN_VALUE: none)
 *   | u16 lastSubscriptionId | u16 count | count x (utf channel | u16 subscription id)
 *   | u8 length | resume key | u8 length (0: none) | pending resume key
 *   | u32 count | count x (i64 seq | u8 frame type | i32 channel | u8 flags
 *                        | u32 inflated length | u32 length | body)
 * </pre>
 *
 * <p>The resume keys are secrets: {@link #erase()} zeroes them once the snapshot is used, and
 * whoever holds the encoded bytes must zero those too.
 */
record SessionSnapshot(
    String id,
    String principal,
    long detachedAtMs,
    long lastSentSeq,
    long lastReceivedSeq,
    int lastSubscriptionId,
    Map<String, Integer> subscriptions,
    byte[] resumeKey,
    byte[] pendingResumeKey,
    List<Retained.Kept> retained,
    LogMark mark) {

  static final int VERSION = 2;

  /**
   * Where a session stood in the backplane's log when its node handed it over: it had every
   * message at or below {@code position} ({@link #NONE}: the backplane keeps no log; -1: the log was
   * empty when its node began reading it) that was published by
   * another node, none above it, and of the messages its own node ({@code origin}, as
   * {@link RelayedMessage#origin()} names it) published, exactly those numbered up to
   * {@code serial}.
   */
  record LogMark(String origin, long serial, long position) {

    static final LogMark NONE = new LogMark("", 0, Long.MIN_VALUE);

    boolean replayable() {
      return position != Long.MIN_VALUE;
    }

    /** Whether a message at a position above {@link #position()} already reached the session. */
    boolean delivered(RelayedMessage m) {
      return m.origin().equals(origin) && m.serial() <= serial;
    }
  }

  /** A snapshot with no place in a log ({@link LogMark#NONE}). */
  SessionSnapshot(String id, String principal, long detachedAtMs, long lastSentSeq, long lastReceivedSeq,
      int lastSubscriptionId, Map<String, Integer> subscriptions, byte[] resumeKey, byte[] pendingResumeKey,
      List<Retained.Kept> retained) {
    this(id, principal, detachedAtMs, lastSentSeq, lastReceivedSeq, lastSubscriptionId, subscriptions, resumeKey,
        pendingResumeKey, retained, LogMark.NONE);
  }

  /** This snapshot, standing at {@code mark} in the backplane's log; the keys are shared, not copied. */
  SessionSnapshot at(LogMark mark) {
    return new SessionSnapshot(id, principal, detachedAtMs, lastSentSeq, lastReceivedSeq, lastSubscriptionId,
        subscriptions, resumeKey, pendingResumeKey, retained, mark);
  }
  private static final int MAX_KEY = 255;
  private static final int MAX_U16 = 0xFFFF;

  SessionSnapshot {
    subscriptions = new LinkedHashMap<>(subscriptions);
    retained = List.copyOf(retained);
  }

  /** Zeroes the resume keys this snapshot holds. */
  void erase() {
    Arrays.fill(resumeKey, (byte) 0);
    if (pendingResumeKey != null) {
      Arrays.fill(pendingResumeKey, (byte) 0);
    }
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + retainedBytes());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(id);
      out.writeUTF(principal);
      out.writeLong(detachedAtMs);
      out.writeLong(lastSentSeq);
      out.writeLong(lastReceivedSeq);
      out.writeUTF(mark.origin());
      out.writeLong(mark.serial());
      out.writeLong(mark.position());
      out.writeShort(lastSubscriptionId);
      out.writeShort(subscriptions.size());
      for (Map.Entry<String, Integer> s : subscriptions.entrySet()) {
        out.writeUTF(s.getKey());
        out.writeShort(s.getValue());
      }
      writeKey(out, resumeKey);
      writeKey(out, pendingResumeKey);
      out.writeInt(retained.size());
      for (Retained.Kept k : retained) {
        writeFrame(out, k);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not on a byte array
    }
    return bytes.toByteArray();
  }

  private int retainedBytes() {
    return retained.stream().mapToInt(k -> k.plaintext().length() + 22).sum();
  }

  private static void writeKey(DataOutputStream out, byte[] key) throws IOException {
    if (key == null) {
      out.writeByte(0);
      return;
    }
    if (key.length == 0 || key.length > MAX_KEY) {
      throw new IllegalArgumentException("a resume key of " + key.length + " bytes");
    }
    out.writeByte(key.length);
    out.write(key);
  }

  private static void writeFrame(DataOutputStream out, Retained.Kept k) throws IOException {
    out.writeLong(k.seq());
    out.writeByte(k.type().code());
    out.writeInt(k.channel());
    out.writeByte(k.plaintext().flags());
    out.writeInt(k.plaintext().inflatedLength());
    byte[] body = k.plaintext().body();
    out.writeInt(body.length);
    out.write(body);
  }

  /**
   * @throws IllegalArgumentException when {@code bytes} is not a snapshot of this version
   */
  static SessionSnapshot decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("session snapshot version " + version + ", expected " + VERSION);
      }
      String id = in.readUTF();
      String principal = in.readUTF();
      long detachedAtMs = in.readLong();
      long lastSentSeq = in.readLong();
      long lastReceivedSeq = in.readLong();
      LogMark mark = new LogMark(in.readUTF(), in.readLong(), in.readLong());
      if (mark.serial() < 0 || (mark.position() < -1 && mark.replayable())) {
        throw new IllegalArgumentException("session snapshot log mark " + mark);
      }
      int lastSubscriptionId = in.readUnsignedShort();
      int count = in.readUnsignedShort();
      Map<String, Integer> subscriptions = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String channel = in.readUTF();
        int sid = in.readUnsignedShort();
        if (sid == 0 || sid > lastSubscriptionId || subscriptions.put(channel, sid) != null) {
          throw new IllegalArgumentException("session snapshot subscription " + channel + "=" + sid);
        }
      }
      byte[] resumeKey = readKey(in);
      if (resumeKey == null) {
        throw new IllegalArgumentException("session snapshot without a resume key");
      }
      byte[] pendingResumeKey = readKey(in);
      int frames = in.readInt();
      if (frames < 0 || frames > in.available()) {
        throw new IllegalArgumentException("session snapshot frame count " + frames);
      }
      List<Retained.Kept> retained = new ArrayList<>(frames);
      for (int i = 0; i < frames; i++) {
        retained.add(readFrame(in, i == 0 ? 0 : retained.get(i - 1).seq(), lastSentSeq));
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("session snapshot has " + in.available() + " bytes left over");
      }
      return new SessionSnapshot(id, principal, detachedAtMs, lastSentSeq, lastReceivedSeq, lastSubscriptionId,
          subscriptions, resumeKey, pendingResumeKey, retained, mark);
    } catch (IOException | RwtProtocolException e) {
      throw new IllegalArgumentException("malformed session snapshot", e);
    }
  }

  private static byte[] readKey(DataInputStream in) throws IOException {
    int length = in.readUnsignedByte();
    return length == 0 ? null : in.readNBytes(length);
  }

  private static Retained.Kept readFrame(DataInputStream in, long previousSeq, long lastSentSeq)
      throws IOException, RwtProtocolException {
    long seq = in.readLong();
    if (seq <= previousSeq || seq > lastSentSeq) {
      throw new IllegalArgumentException("session snapshot frame seq " + seq + " out of order");
    }
    FrameType type = FrameType.fromCode(in.readUnsignedByte());
    int channel = in.readInt();
    int flags = in.readUnsignedByte();
    int inflatedLength = in.readInt();
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("session snapshot frame length " + length);
    }
    return new Retained.Kept(seq, type, channel, Plaintext.restore(in.readNBytes(length), flags, inflatedLength));
  }

  @Override
  public String toString() {
    // never the keys
    return "SessionSnapshot[" + id + ", " + principal + ", " + subscriptions.size() + " subscriptions, "
        + retained.size() + " retained frames]";
  }
}
