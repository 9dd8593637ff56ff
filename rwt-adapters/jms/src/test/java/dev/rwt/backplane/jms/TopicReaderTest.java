package dev.rwt.backplane.jms;

import static dev.rwt.backplane.jms.MemoryBroker.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.testing.Eventually;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader against a broker in memory: delivery in order, members, failures reported. */
class TopicReaderTest {

  private final MemoryBroker broker = new MemoryBroker();
  private final RecordingReceiver receiver = new RecordingReceiver();
  private final TestClock clock = new TestClock();
  private final Presence presence = new Presence("self", clock);
  private final TopicReader reader = new TopicReader(broker, presence, new Outage(receiver), receiver);
  private Thread thread;

  private void start() {
    thread = new Thread(reader, "reader-under-test");
    thread.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    reader.close();
    if (thread != null) {
      thread.join(10_000);
      assertTrue(!thread.isAlive(), "the reader's thread ends after close");
    }
  }

  private void arrive(String node, String message) {
    broker.incoming.add(new Broker.Heard(node, false, bytes(message)));
  }

  private void beat(String node) {
    broker.incoming.add(new Broker.Heard(node, true, new byte[] {0}));
  }

  @Test
  void messagesFromOtherNodesReachTheReceiverInOrderAndHeartbeatsDoNot() throws Exception {
    start();
    assertTrue(reader.awaitSubscribed(10_000));
    beat("self");
    arrive("b", "1");
    beat("b");
    arrive("c", "2");
    arrive("b", "3");
    Eventually.await(() -> receiver.events.size() == 3, () -> "3 received, got " + receiver.events);
    assertEquals(List.of("receive 1", "receive 2", "receive 3"), receiver.events);
    assertEquals(Set.of("self", "b", "c"), presence.members());
  }

  @Test
  void messagesNotSentByRwtAreIgnored() throws Exception {
    start();
    broker.incoming.add(new Broker.Heard(null, false, null));
    arrive("b", "after");
    Eventually.await(() -> receiver.events.size() == 1, () -> "one received, got " + receiver.events);
    assertEquals(List.of("receive after"), receiver.events);
    assertEquals(Set.of("self", "b"), presence.members());
  }

  @Test
  void aFailedSubscriptionIsReportedAndRestoredWhenItSubscribesAgain() throws Exception {
    broker.down = true;
    start();
    assertTrue(!reader.awaitSubscribed(200), "no subscription while the broker is down");
    Eventually.await(() -> !receiver.events.isEmpty(), () -> "the outage reported");
    assertEquals("lost messages from the other nodes: the subscription to the broker failed;"
        + " subscribing again in 500 ms", receiver.events.get(0));
    broker.down = false;
    assertTrue(reader.awaitSubscribed(30_000));
    arrive("b", "1");
    Eventually.await(() -> receiver.events.contains("receive 1"), () -> "delivery after the outage");
    assertEquals("restored", receiver.events.get(receiver.events.size() - 2));
  }
}
