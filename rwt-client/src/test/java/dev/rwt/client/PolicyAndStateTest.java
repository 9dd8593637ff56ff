package dev.rwt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.SealOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff, delivery bookkeeping and errors, without any connection. */
class PolicyAndStateTest {

  @Test
  void backoffGrowsExponentiallyUpToTheCap() {
    ReconnectionPolicy p = ReconnectionPolicy.defaults().jitter(0);
    assertEquals(500, p.delay(1, () -> 0.5).toMillis());
    assertEquals(1000, p.delay(2, () -> 0.5).toMillis());
    assertEquals(4000, p.delay(4, () -> 0.5).toMillis());
    assertEquals(30000, p.delay(20, () -> 0.5).toMillis());
  }

  @Test
  void jitterSpreadsTheDelayBothWays() {
    ReconnectionPolicy p = ReconnectionPolicy.defaults().baseDelay(Duration.ofMillis(1000)).jitter(0.3);
    assertEquals(700, p.delay(1, () -> 0.0).toMillis());
    assertEquals(1300, p.delay(1, () -> 1.0).toMillis());
  }

  @Test
  void badPoliciesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ReconnectionPolicy.defaults().jitter(1.5));
    assertThrows(IllegalArgumentException.class, () -> ReconnectionPolicy.defaults().backoffFactor(0.5));
  }

  @Test
  void acknowledgedFramesAreReleasedAndTheRestResentInOrder() {
    DeliveryState d = new DeliveryState(1 << 20);
    for (long seq = 1; seq <= 5; seq++) {
      d.keep(new DeliveryState.Kept(seq, FrameType.MESSAGE, 1, Plaintext.prepare(new byte[10], SealOptions.binary())));
      d.sent(seq);
    }
    d.acknowledge(2);
    assertEquals(3, d.keptCount());
    assertEquals(java.util.List.of(4L, 5L), d.keptAbove(3).stream().map(DeliveryState.Kept::seq).toList());
    assertEquals(5, d.highestSent());
  }

  @Test
  void aFullBufferRefusesWithARetryHint() {
    DeliveryState d = new DeliveryState(15);
    d.keep(new DeliveryState.Kept(1, FrameType.MESSAGE, 1, Plaintext.prepare(new byte[10], SealOptions.binary())));
    RwtSendException e = assertThrows(RwtSendException.class, () -> d.ensureRoom(10));
    assertEquals("BUFFER_FULL", e.code());
    assertTrue(e.canRetry());
    assertEquals(250L, e.retryAfterMs());
  }

  @Test
  void duplicatesAreRecognised() {
    DeliveryState d = new DeliveryState(100);
    d.received(7);
    assertTrue(d.isNew(8));
    assertEquals(false, d.isNew(7));
  }

  @Test
  void invalidChannelNamesAreRefused() {
    RwtException e = assertThrows(RwtException.class, () -> ChannelRegistry.checkName("bad name"));
    assertEquals("BAD_CHANNEL_NAME", e.code());
  }
}
