package dev.rwt.client;

import dev.rwt.protocol.RwtWire;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Decides when to ACK (PROTOCOL.md section 6): after {@link RwtWire#ACK_EVERY_FRAMES}
 * reliable frames or {@link RwtWire#ACK_EVERY_MS} after the first unacknowledged one,
 * whichever comes first. One per connection.
 *
 * <p>Guarded by the client's session lock; the timer task takes that lock before calling
 * back (the {@code flush} it schedules goes through {@code onTimer}).
 */
final class AckScheduler {
  private final LongConsumer sendAck;
  private final ScheduledExecutorService timers;
  private final Runnable onTimer;
  private int pending;
  private long highest;
  private long acked;
  private ScheduledFuture<?> timer;

  /**
   * @param sendAck sends an ACK for a seq
   * @param onTimer what the timer runs (must take the session lock, then call {@link #flush()})
   */
  AckScheduler(LongConsumer sendAck, ScheduledExecutorService timers, Runnable onTimer) {
    this.sendAck = sendAck;
    this.timers = timers;
    this.onTimer = onTimer;
  }

  /** Records an accepted frame; only reliable ones need an ACK. */
  void received(long seq, boolean reliable) {
    highest = Math.max(highest, seq);
    if (!reliable) {
      return;
    }
    pending++;
    if (pending >= RwtWire.ACK_EVERY_FRAMES) {
      flush();
    } else if (timer == null) {
      timer = timers.schedule(onTimer, RwtWire.ACK_EVERY_MS, TimeUnit.MILLISECONDS);
    }
  }

  void flush() {
    stop();
    pending = 0;
    if (highest > acked) {
      acked = highest;
      sendAck.accept(highest);
    }
  }

  void stop() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
