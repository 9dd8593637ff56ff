package dev.rwt.backplane.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PresenceTest {

  private final TestClock clock = new TestClock();
  private final Presence presence = new Presence("self", clock);

  @Test
  void aNodeIsAMemberUntilItsLastHeartbeatIsAWindowOld() {
    presence.heard("b");
    clock.advance(Presence.WINDOW_MS - 1);
    assertEquals(Set.of("self", "b"), presence.members());
    clock.advance(1);
    assertEquals(Set.of("self"), presence.members());
  }

  @Test
  void thisNodeIsAlwaysAMember() {
    assertEquals(Set.of("self"), presence.members());
  }

  @Test
  void theEchoIsMissingAWindowAfterTheStartOrAfterTheLastOwnHeartbeat() {
    clock.advance(Presence.WINDOW_MS - 1);
    assertFalse(presence.echoMissing(), "not in the first window");
    clock.advance(1);
    assertTrue(presence.echoMissing());
    presence.heard("self");
    assertFalse(presence.echoMissing());
    presence.heard("b");
    clock.advance(Presence.WINDOW_MS);
    assertTrue(presence.echoMissing(), "other nodes' heartbeats do not count");
  }
}
