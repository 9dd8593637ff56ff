package dev.rwt.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One live RWT connection after its handshake: seals outgoing frames and opens incoming
 * messages, moving bytes only (no I/O). Produced by {@link ClientHandshake} or
 * {@link ServerHandshake}.
 *
 * <p><b>Sending.</b> {@link #seal} builds the plaintext (META, then DEFLATE), picks the
 * current epoch on the shared schedule and seals with that epoch's keys (MAC or AES-GCM).
 * The caller supplies seq, from {@link #nextSeq()} or, when resending kept frames after a
 * resume, their original numbers; seq must increase on every call. {@link #sealNext} does
 * both under one lock.
 *
 * <p><b>Receiving.</b> {@link #open} checks, in the order of PROTOCOL.md section 9: parse
 * (4000), epoch window {@code r-1 <= epoch <= r+1} and token (4010), seq above the last
 * accepted one (4011), then type and body (4000, or 4009 past the inflate limit). A frame
 * that fails changes nothing. A BATCH is unpacked and each entry opened in order exactly as
 * if it had arrived alone: all entries of one message are judged by the epoch window at the
 * moment {@code open} was called (the message's arrival).
 *
 * <p><b>Thread-safety.</b> Sealing and opening are each guarded by their own lock, so any
 * thread may call either. The peer rejects a seq lower than one it accepted, so the caller
 * must put sealed frames on the wire in seq order: seal and enqueue under the same lock, use
 * a single writer, or reserve seqs in queue order ({@link #nextSeq()}, after
 * {@link #checkSealable}) and seal each frame as it leaves the queue. Opening is normally
 * done by the one thread that reads the socket.
 *
 * <p><b>Lifecycle.</b> Live from the handshake until {@link #destroy()}, which erases all
 * keys; afterwards seal throws {@link IllegalStateException} and open throws BAD_TOKEN.
 * The resume key outlives the connection when the caller keeps a copy
 * ({@link #resumeTicket()}).
 */
public final class SecureSession {
  /** A frame sealed by {@link #sealNext} with the seq it was given. */
  public record Sealed(long seq, byte[] bytes) {}

  private final Direction sendDirection;
  private final Welcome welcome;
  private final RotationSchedule schedule;
  private final LongSupplier clock;
  private final long clockOffsetMs;
  private final int maxFrameBytes;
  private final SecretBytes resumeKey;
  private final KeyRatchet sendRatchet;
  private final KeyRatchet receiveRatchet;
  private volatile RotationListener listener = RotationListener.NONE;

  private final Object sendLock = new Object();
  private long lastSealedSeq; // guarded by sendLock
  private long seqCounter; // guarded by sendLock
  private long sendEpoch; // guarded by sendLock

  private final Object receiveLock = new Object();
  private long lastReceivedSeq; // guarded by receiveLock
  private long receiveEpoch; // guarded by receiveLock

  SecureSession(Direction sendDirection, Welcome welcome, RotationSchedule schedule, LongSupplier clock,
      long clockOffsetMs, SessionKeys keys, long lastReceivedSeq, long lastSentSeq) {
    this.sendDirection = Objects.requireNonNull(sendDirection);
    this.welcome = Objects.requireNonNull(welcome);
    this.schedule = Objects.requireNonNull(schedule);
    this.clock = Objects.requireNonNull(clock);
    this.clockOffsetMs = clockOffsetMs;
    this.maxFrameBytes = welcome.maxFrameBytes();
    this.resumeKey = SecretBytes.copyOf(keys.resume().ref());
    this.sendRatchet = new KeyRatchet(keys.chain0(sendDirection));
    this.receiveRatchet = new KeyRatchet(keys.chain0(sendDirection.reverse()));
    this.lastReceivedSeq = lastReceivedSeq;
    this.seqCounter = lastSentSeq;
  }

  /** The session id from WELCOME. */
  public String sessionId() {
    return welcome.session();
  }

  /** The parameters the server announced. */
  public Welcome welcome() {
    return welcome;
  }

  /** C2S on a client, S2C on a server. */
  public Direction sendDirection() {
    return sendDirection;
  }

  public RotationSchedule schedule() {
    return schedule;
  }

  /** Limit for a frame body and for an inflated message. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Local clock plus the offset learned from WELCOME.time (0 on the server). */
  public long clockOffsetMs() {
    return clockOffsetMs;
  }

  /** Now on the shared schedule's clock. */
  public long now() {
    return clock.getAsLong() + clockOffsetMs;
  }

  /** Replaces the rotation listener ({@link RotationListener#NONE} to remove it). */
  public void setRotationListener(RotationListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The next seq for a new frame: one above every seq sealed or reserved so far. */
  public long nextSeq() {
    synchronized (sendLock) {
      seqCounter = Math.max(seqCounter, lastSealedSeq) + 1;
      return seqCounter;
    }
  }

  /**
   * Makes {@link #nextSeq()} continue above {@code seq}: after a resume, pass the highest
   * seq sent on the previous connection. Never moves numbering back.
   */
  public void continueNumberingAfter(long seq) {
    synchronized (sendLock) {
      seqCounter = Math.max(seqCounter, seq);
    }
  }

  /** The highest seq sealed on this connection (0 before the first). */
  public long lastSentSeq() {
    synchronized (sendLock) {
      return lastSealedSeq;
    }
  }

  /** The highest peer seq accepted (what to ACK, and HELLO.resume.lastSeq after a drop). */
  public long lastReceivedSeq() {
    synchronized (receiveLock) {
      return lastReceivedSeq;
    }
  }

  /** The epoch of the last frame sealed (or 0). */
  public long sendEpoch() {
    synchronized (sendLock) {
      return sendEpoch;
    }
  }

  /** The receiver's current epoch r as of the last frame opened (or 0). */
  public long receiveEpoch() {
    synchronized (receiveLock) {
      return receiveEpoch;
    }
  }

  /** A copy of the resume key; persist it (with the session id) to resume later. */
  public SecretBytes resumeKey() {
    return SecretBytes.copyOf(resumeKey.ref());
  }

  /** What a client needs to resume this session on a new connection. */
  public ResumeTicket resumeTicket() {
    return new ResumeTicket(sessionId(), resumeKey(), lastReceivedSeq());
  }

  /** {@link #seal(FrameType, int, long, Plaintext)} of {@code Plaintext.prepare(payload, options)}. */
  public byte[] seal(FrameType type, int channel, long seq, byte[] payload, SealOptions options) {
    return seal(type, channel, seq, Plaintext.prepare(payload, options));
  }

  /**
   * Seals one frame at the current send epoch.
   *
   * @throws IllegalArgumentException when this side may not send {@code type}, the channel
   *     is out of range, or the plaintext is over {@link #maxFrameBytes()}
   * @throws IllegalStateException when seq does not increase (it would reuse an AES-GCM
   *     nonce and the peer would close 4011) or the session was destroyed
   */
  public byte[] seal(FrameType type, int channel, long seq, Plaintext plaintext) {
    byte[] out = new byte[sealedLength(plaintext)];
    sealInto(type, channel, seq, plaintext, out, 0);
    return out;
  }

  /** The length of the frame {@link #seal(FrameType, int, long, Plaintext)} makes of {@code plaintext}. */
  public static int sealedLength(Plaintext plaintext) {
    return FrameSealer.sealedLength(plaintext.bodyRef());
  }

  /**
   * As {@link #seal(FrameType, int, long, Plaintext)}, written at {@code offset} of {@code out}
   * (a BATCH being filled), which must have {@link #sealedLength} bytes there.
   */
  public void sealInto(FrameType type, int channel, long seq, Plaintext plaintext, byte[] out, int offset) {
    checkSendable(type, channel, plaintext);
    if (offset < 0 || out.length - offset < sealedLength(plaintext)) {
      throw new IllegalArgumentException("no room for a " + sealedLength(plaintext) + "-byte frame at " + offset);
    }
    long changedTo = -1;
    synchronized (sendLock) {
      if (Long.compareUnsigned(seq, lastSealedSeq) <= 0) {
        throw new IllegalStateException("seq " + Long.toUnsignedString(seq) + " not above last sealed "
            + Long.toUnsignedString(lastSealedSeq));
      }
      long e = Math.max(currentEpoch(), sendEpoch);
      if (e != sendEpoch) {
        sendRatchet.eraseBelow(e);
        sendEpoch = e;
        changedTo = e;
      }
      FrameSealer.sealInto(sendDirection, sendKeys(e), type, plaintext.flags(), channel, seq, plaintext.bodyRef(),
          out, offset);
      lastSealedSeq = seq;
    }
    notifyEpoch(sendDirection, changedTo);
  }

  /**
   * Checks that {@link #seal(FrameType, int, long, Plaintext)} would take this frame, without
   * sealing it: for a sender that reserves the seq now ({@link #nextSeq()}) and seals when the
   * frame leaves its queue, so the token is made in the epoch in which the frame is written.
   *
   * @throws IllegalArgumentException as {@code seal} would
   */
  public void checkSealable(FrameType type, int channel, Plaintext plaintext) {
    checkSendable(type, channel, plaintext);
  }

  /** Assigns {@link #nextSeq()} and seals, atomically. */
  public Sealed sealNext(FrameType type, int channel, byte[] payload, SealOptions options) {
    Plaintext plaintext = Plaintext.prepare(payload, options);
    synchronized (sendLock) {
      long seq = nextSeq();
      return new Sealed(seq, seal(type, channel, seq, plaintext));
    }
  }

  /**
   * Opens one WebSocket message (a frame or a BATCH) and returns its frames in order.
   * When an entry of a batch fails, the entries before it were accepted (their seqs count)
   * but are not returned; use {@link #open(byte[], Consumer)} to receive them first.
   *
   * @throws RwtProtocolException with the close code for the first failing check
   */
  public List<OpenedFrame> open(byte[] message) throws RwtProtocolException {
    List<OpenedFrame> out = new ArrayList<>(1);
    open(message, out::add);
    return out;
  }

  /**
   * Opens one WebSocket message, handing each accepted frame to {@code sink} before the
   * next entry of a batch is checked.
   *
   * @throws RwtProtocolException with the close code for the first failing check
   */
  public void open(byte[] message, Consumer<OpenedFrame> sink) throws RwtProtocolException {
    if (message == null) {
      throw RwtProtocolException.protocol("no message");
    }
    if (message.length > (long) maxFrameBytes + RwtWire.HEADER_LENGTH) {
      throw RwtProtocolException.tooLarge("message over maxFrameBytes + header");
    }
    // a batch's entries are judged by the window at the batch's arrival (section 2.1: each
    // as if it had arrived alone), however long the sink takes with the entries before them
    long arrivedMs = now();
    if (Batch.isBatch(message)) {
      int[] entries = Batch.entries(message, maxFrameBytes);
      for (int i = 0; i < entries.length; i += 2) {
        sink.accept(openOne(message, entries[i], entries[i + 1], arrivedMs));
      }
    } else {
      sink.accept(openOne(message, 0, message.length, arrivedMs));
    }
  }

  /** Erases every key. Idempotent. */
  public void destroy() {
    sendRatchet.destroy();
    receiveRatchet.destroy();
    resumeKey.destroy();
  }

  private OpenedFrame openOne(byte[] bytes, int offset, int length, long arrivedMs) throws RwtProtocolException {
    Frame frame = FrameCodec.decode(bytes, offset, length);
    Direction from = sendDirection.reverse();
    long changedTo = -1;
    try {
      synchronized (receiveLock) {
        long r = Math.max(epochAt(arrivedMs), receiveEpoch);
        if (r != receiveEpoch) {
          receiveRatchet.eraseBelow(r - 1);
          receiveEpoch = r;
          changedTo = r;
        }
        if (frame.epoch() < r - 1 || frame.epoch() > r + 1) {
          throw RwtProtocolException.badToken("epoch " + frame.epoch() + " outside the window around " + r);
        }
        byte[] plain = FrameSealer.open(from, receiveRatchet.keys(frame.epoch()), frame);
        if (Long.compareUnsigned(frame.seq(), lastReceivedSeq) <= 0) {
          throw new RwtProtocolException(CloseCode.REPLAY, "seq " + Long.toUnsignedString(frame.seq())
              + " not above " + Long.toUnsignedString(lastReceivedSeq));
        }
        OpenedFrame opened = FrameBody.check(frame, plain, from, maxFrameBytes);
        lastReceivedSeq = frame.seq();
        return opened;
      }
    } finally {
      notifyEpoch(from, changedTo);
    }
  }

  private long currentEpoch() {
    return epochAt(now());
  }

  private long epochAt(long ms) {
    long e = schedule.epochAt(ms);
    if (e > RwtWire.MAX_EPOCH) {
      throw new IllegalStateException("rotation schedule ran past the last u32 epoch");
    }
    return e;
  }

  private EpochKeys sendKeys(long epoch) {
    try {
      return sendRatchet.keys(epoch);
    } catch (RwtProtocolException e) {
      throw new IllegalStateException("session keys were destroyed", e);
    }
  }

  private void checkSendable(FrameType type, int channel, Plaintext plaintext) {
    if (!type.batchable() || !type.allowedIn(sendDirection)) {
      throw new IllegalArgumentException(type + " cannot be sealed in direction " + sendDirection);
    }
    if (channel < 0 || channel > RwtWire.MAX_CHANNEL) {
      throw new IllegalArgumentException("channel out of range: " + channel);
    }
    if (plaintext.inflatedLength() > maxFrameBytes || plaintext.length() > maxFrameBytes) {
      throw new IllegalArgumentException("frame body over maxFrameBytes " + maxFrameBytes);
    }
  }

  private void notifyEpoch(Direction direction, long epoch) {
    if (epoch >= 0) {
      listener.onEpochChange(direction, epoch);
    }
  }

  @Override
  public String toString() {
    return "SecureSession[" + welcome.session() + ", send " + sendDirection + "]";
  }
}
