package dev.rwt.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RotationVectorsTest {

  @ParameterizedTest
  @ValueSource(strings = {"fixed", "fibonacci", "golden"})
  void durationsMatchTheVectors(String pattern) throws Exception {
    Map<String, Object> v = Vectors.map(Vectors.section("rotation").get(pattern));
    TokenRotator rotator = RotatorRegistry.builtIn().require(pattern);
    List<Object> durations = Vectors.list(v.get("durations"));
    assertEquals(20, durations.size());
    for (int e = 0; e < durations.size(); e++) {
      assertEquals(((Number) durations.get(e)).longValue(), rotator.durationMs(e, Vectors.num(v, "intervalMs")),
          pattern + " d(" + e + ")");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fixed", "fibonacci", "golden"})
  void epochAtMatchesTheVectorsOnAFreshSchedule(String pattern) throws Exception {
    Map<String, Object> v = Vectors.map(Vectors.section("rotation").get(pattern));
    for (Object o : Vectors.list(v.get("epochAt"))) {
      List<Object> pair = Vectors.list(o);
      RotationSchedule s = schedule(pattern, v);
      long t = ((Number) pair.get(0)).longValue();
      assertEquals(((Number) pair.get(1)).longValue(), s.epochAt(t), pattern + " epochAt(" + t + ")");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fixed", "fibonacci", "golden"})
  void epochAtMatchesTheVectorsOnOneScheduleQueriedInAnyOrder(String pattern) throws Exception {
    Map<String, Object> v = Vectors.map(Vectors.section("rotation").get(pattern));
    RotationSchedule s = schedule(pattern, v);
    List<Object> pairs = Vectors.list(v.get("epochAt"));
    for (int round = 0; round < 2; round++) {
      for (int i = pairs.size() - 1; i >= 0; i--) {
        check(s, pattern, Vectors.list(pairs.get(i)));
      }
      for (Object o : pairs) {
        check(s, pattern, Vectors.list(o));
      }
    }
  }

  private static void check(RotationSchedule s, String pattern, List<Object> pair) {
    long t = ((Number) pair.get(0)).longValue();
    assertEquals(((Number) pair.get(1)).longValue(), s.epochAt(t), pattern + " epochAt(" + t + ")");
  }

  private static RotationSchedule schedule(String pattern, Map<String, Object> v) throws RwtProtocolException {
    return new RotationSchedule(RotatorRegistry.builtIn().require(pattern), Vectors.num(v, "intervalMs"),
        Vectors.num(v, "start"));
  }
}
