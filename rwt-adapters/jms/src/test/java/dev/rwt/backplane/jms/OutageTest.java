package dev.rwt.backplane.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutageTest {

  private final RecordingReceiver receiver = new RecordingReceiver();
  private final Outage outage = new Outage(receiver);

  @Test
  void restoredOnlyWhenEveryPartThatFailedWorksAgain() {
    outage.lost(Outage.SEND, "a", null);
    outage.lost(Outage.RECEIVE, "b", null);
    outage.working(Outage.SEND);
    assertEquals(List.of("lost a", "lost b"), receiver.events);
    outage.working(Outage.RECEIVE);
    assertEquals(List.of("lost a", "lost b", "restored"), receiver.events);
  }

  @Test
  void aPartThatDidNotFailRestoresNothing() {
    outage.working(Outage.SEND);
    outage.lost(Outage.RECEIVE, "b", null);
    outage.working(Outage.SEND);
    assertEquals(List.of("lost b"), receiver.events);
  }
}
