package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

  private final Subscriptions subscriptions = new Subscriptions();

  @Test
  void aSessionWithoutSubscriptionsFindsNoneAndRemovesNone() {
    assertEquals(OptionalInt.empty(), subscriptions.idOf("news"));
    assertNull(subscriptions.nameOf(1));
    assertNull(subscriptions.remove(1));
    assertEquals(Set.of(), subscriptions.names());
  }

  @Test
  void idsAreNotReusedAfterEverySubscriptionEnded() {
    assertEquals(1, subscriptions.add("news"));
    assertEquals("news", subscriptions.remove(1));
    assertEquals(0, subscriptions.size());

    assertEquals(2, subscriptions.add("news"));
    assertEquals("news", subscriptions.nameOf(2));
    assertEquals(OptionalInt.of(2), subscriptions.idOf("news"));
  }

  @Test
  void restoredSubscriptionsCanBeAddedToAndRemoved() {
    subscriptions.restore(Map.of("news", 4), 7);

    assertEquals(8, subscriptions.add("sport"));
    assertEquals("news", subscriptions.remove(4));
    assertEquals(Map.of("sport", 8), subscriptions.ids());
  }
}
