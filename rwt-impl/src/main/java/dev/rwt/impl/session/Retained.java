package dev.rwt.impl.session;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Plaintext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reliable frames sent but not yet acknowledged, kept as plaintext so that they can be sealed
 * again under new keys after a resume (PROTOCOL.md section 6). Bounded in bytes by the caller.
 * Guarded by the owning {@link ServerSession}.
 */
final class Retained {

  /** One kept frame: everything needed to seal it again with its original seq. */
  record Kept(long seq, FrameType type, int channel, Plaintext plaintext) {}

  /** Sized for a session that is mostly acknowledged: the default 16 slots, per idle session, are wasted. */
  private final ArrayDeque<Kept> frames = new ArrayDeque<>(1);
  private long bytes;

  void add(Kept frame) {
    frames.addLast(frame);
    bytes += frame.plaintext().length();
  }

  /** Drops every frame with seq at or below {@code ackedSeq}. */
  void release(long ackedSeq) {
    while (!frames.isEmpty() && frames.peekFirst().seq() <= ackedSeq) {
      bytes -= frames.removeFirst().plaintext().length();
    }
  }

  /** The frames above {@code lastSeq}, oldest first. */
  List<Kept> above(long lastSeq) {
    List<Kept> out = new ArrayList<>();
    for (Kept k : frames) {
      if (k.seq() > lastSeq) {
        out.add(k);
      }
    }
    return out;
  }

  long bytes() {
    return bytes;
  }

  void clear() {
    frames.clear();
    bytes = 0;
  }
}
