package dev.rwt.client;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Plaintext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivery state of one session (PROTOCOL.md section 6), kept across connections: the
 * reliable frames sent and not yet acknowledged (with their plaintext, to be sealed again
 * under new keys after a resume), the highest seq sent, and the highest seq received (for
 * ACKs, HELLO.resume.lastSeq and dropping duplicates).
 *
 * <p>Not thread-safe: guarded by the client's session lock.
 */
final class DeliveryState {
  /** A reliable frame as sealed, kept for a resend with its original seq. */
  record Kept(long seq, FrameType type, int channel, Plaintext plaintext) {}

  static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

  private final long maxBytes;
  private final TreeMap<Long, Kept> kept = new TreeMap<>();
  private long keptBytes;
  private long highestSent;
  private long lastReceived;

  DeliveryState(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * @throws RwtSendException BUFFER_FULL when {@code bytes} more would overflow the bound
   */
  void ensureRoom(int bytes) {
    if (keptBytes + bytes > maxBytes) {
      throw new RwtSendException("too many unacknowledged bytes; wait for the server to catch up", "BUFFER_FULL",
          "send", Map.of("keptBytes", keptBytes), null, 250L, null);
    }
  }

  void keep(Kept frame) {
    kept.put(frame.seq(), frame);
    keptBytes += frame.plaintext().length();
  }

  /** Records a seq just sealed (kept or not). */
  void sent(long seq) {
    highestSent = Math.max(highestSent, seq);
  }

  long highestSent() {
    return highestSent;
  }

  /** The peer holds everything up to {@code seq}: forget those frames. */
  void acknowledge(long seq) {
    Iterator<Map.Entry<Long, Kept>> it = kept.headMap(seq, true).entrySet().iterator();
    while (it.hasNext()) {
      keptBytes -= it.next().getValue().plaintext().length();
      it.remove();
    }
  }

  /** Kept frames above the peer's {@code lastSeq}, in seq order (those at or below are released). */
  List<Kept> keptAbove(long lastSeq) {
    acknowledge(lastSeq);
    return new ArrayList<>(kept.values());
  }

  int keptCount() {
    return kept.size();
  }

  boolean isNew(long seq) {
    return seq > lastReceived;
  }

  void received(long seq) {
    lastReceived = Math.max(lastReceived, seq);
  }

  long lastReceived() {
    return lastReceived;
  }

  /** A fresh session: numbering restarts, kept frames are void. Returns how many were dropped. */
  int reset() {
    int lost = kept.size();
    kept.clear();
    keptBytes = 0;
    highestSent = 0;
    lastReceived = 0;
    return lost;
  }
}
