package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RotationScheduleTest {
  private static final long T0 = 1_700_000_000_000L;

  /** The loop of PROTOCOL.md section 7, verbatim. */
  private static long reference(RotationSchedule s, long t) {
    if (t < s.startMs()) {
      return 0;
    }
    long b = s.startMs();
    long e = 0;
    while (b + s.duration(e) <= t) {
      b += s.duration(e);
      e++;
    }
    return e;
  }

  @Test
  void everyPatternAgreesWithTheReferenceLoopAroundEachBoundary() {
    for (TokenRotator r : new TokenRotator[] {TokenRotator.fixed(), TokenRotator.fibonacci(), TokenRotator.golden()}) {
      RotationSchedule s = new RotationSchedule(r, 1_000, T0);
      long boundary = T0;
      for (int e = 0; e < 200; e++) {
        boundary += s.duration(e);
        for (long t : new long[] {boundary - 1, boundary, boundary + 1}) {
          assertEquals(reference(s, t), s.epochAt(t), r.name() + " at " + t);
        }
      }
    }
  }

  @Test
  void longLivedSessionFindsItsEpochQuickly() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      long year = 365L * 24 * 3600 * 1000;
      RotationSchedule fixed = new RotationSchedule(TokenRotator.fixed(), 1_000, T0);
      assertEquals(year / 1_000, fixed.epochAt(T0 + year));
      RotationSchedule fib = new RotationSchedule(TokenRotator.fibonacci(), 1_000, T0);
      assertEquals(6 * (year / 20_000), fib.epochAt(T0 + year - year % 20_000));
      RotationSchedule golden = new RotationSchedule(TokenRotator.golden(), 1_000, T0);
      long e = 0;
      for (long t = T0; t < T0 + 30L * 24 * 3600 * 1000; t += 1_000) {
        long now = golden.epochAt(t);
        assertTrue(now >= e);
        e = now;
      }
    });
  }

  @Test
  void nextBoundaryIsWhereTheEpochChanges() {
    RotationSchedule s = new RotationSchedule(TokenRotator.golden(), 60_000, T0);
    long next = s.nextBoundaryAfter(T0 + 5);
    assertEquals(T0 + 67_082, next);
    assertEquals(0, s.epochAt(next - 1));
    assertEquals(1, s.epochAt(next));
  }

  @Test
  void customRotatorIsFoundByNameAndUsedLikeABuiltIn() throws Exception {
    TokenRotator twice = new TokenRotator() {
      @Override
      public String name() {
        return "doubling";
      }

      @Override
      public long durationMs(long epoch, long intervalMs) {
        return epoch % 2 == 0 ? intervalMs : 2 * intervalMs;
      }
    };
    RotatorRegistry registry = RotatorRegistry.builtIn().with(twice);
    RotationSchedule s = new RotationSchedule(registry.require("doubling"), 100, T0);
    assertEquals(0, s.epochAt(T0 + 99));
    assertEquals(1, s.epochAt(T0 + 100));
    assertEquals(2, s.epochAt(T0 + 300));
    assertEquals(4, s.epochAt(T0 + 600));
    assertThrows(IllegalArgumentException.class, () -> registry.with(twice));
    assertEquals(4000, assertThrows(RwtProtocolException.class, () -> registry.require("nope")).code());
  }

  @Test
  void zeroLengthEpochFromACustomRotatorFailsLoudlyInsteadOfLooping() {
    TokenRotator broken = new TokenRotator() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public long durationMs(long epoch, long intervalMs) {
        return epoch < 3 ? intervalMs : 0;
      }
    };
    RotationSchedule s = new RotationSchedule(broken, 100, T0);
    assertThrows(IllegalStateException.class, () -> s.epochAt(T0 + 10_000));
  }

  @Test
  void intervalsTooShortForGoldenAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RotationSchedule(TokenRotator.golden(), 1, T0));
  }
}
