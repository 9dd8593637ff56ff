package dev.rwt.backplane.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EchoWatchTest {

  private final RecordingReceiver receiver = new RecordingReceiver();
  private final TestClock clock = new TestClock();
  private final Presence presence = new Presence("self", clock);
  private final EchoWatch watch = new EchoWatch(presence, new Outage(receiver));

  @Test
  void whenThisNodesHeartbeatsStopComingBackTheOutageIsReportedOnceUntilOneDoes() {
    watch.check();
    assertEquals(List.of(), receiver.events, "nothing in the first window");
    clock.advance(Presence.WINDOW_MS);
    watch.check();
    watch.check();
    assertEquals(List.of("lost messages between the nodes: this node's heartbeats have not come back from the broker"
        + " for 10000 ms"), receiver.events);
    presence.heard("self");
    watch.check();
    assertEquals("restored", receiver.events.get(1));
    assertEquals(2, receiver.events.size());
  }

  @Test
  void otherNodesHeartbeatsDoNotEndIt() {
    clock.advance(Presence.WINDOW_MS);
    watch.check();
    presence.heard("b");
    watch.check();
    assertEquals(1, receiver.events.size());
  }
}
