package dev.rwt.backplane.jms;

import static dev.rwt.backplane.jms.MemoryBroker.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.testing.Eventually;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against a broker in memory: order, loss reported, reconnecting, bounds. */
class TopicSenderTest {

  private final MemoryBroker broker = new MemoryBroker();
  private final RecordingReceiver receiver = new RecordingReceiver();
  private final TopicSender sender = new TopicSender(broker, new Outage(receiver));
  private Thread thread;

  private void start() {
    thread = new Thread(sender, "sender-under-test");
    thread.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    sender.close();
    if (thread != null) {
      thread.join(10_000);
      assertTrue(!thread.isAlive(), "the sender's thread ends after close");
    }
  }

  private void send(int from, int to) {
    IntStream.range(from, to).forEach(n -> sender.send(bytes(Integer.toString(n))));
  }

  private static List<String> numbers(int from, int to) {
    return IntStream.range(from, to).mapToObj(Integer::toString).toList();
  }

  private List<String> messagesSent() {
    return broker.sent.stream().filter(s -> !s.equals("beat")).toList();
  }

  @Test
  void messagesLeaveInTheOrderTheyWereHandedOverWithAHeartbeatFirst() throws InterruptedException {
    start();
    send(0, 1000);
    Eventually.await(() -> messagesSent().size() == 1000, () -> "1000 sent, got " + messagesSent().size());
    assertEquals(numbers(0, 1000), messagesSent());
    assertEquals("beat", broker.sent.get(0), "a heartbeat as soon as it is connected");
    assertEquals(List.of(), receiver.events);
  }

  @Test
  void aSendThatFailsIsReportedLostAndWhatFollowsLeavesInOrderOnANewConnection() throws InterruptedException {
    broker.failOnce.add("2");
    send(0, 5);
    start();
    Eventually.await(() -> messagesSent().size() == 4, () -> "4 sent, got " + broker.sent);
    assertEquals(List.of("0", "1", "3", "4"), messagesSent());
    assertEquals(2, broker.outlets, "connected again after the failure");
    assertEquals(List.of("lost a message for the other nodes: the broker did not take it; connecting again in 500 ms",
        "restored"), receiver.events);
  }

  @Test
  void whileTheBrokerIsDownMessagesWaitAndLeaveInOrderWhenItIsBack() throws InterruptedException {
    broker.down = true;
    start();
    send(0, 3);
    Eventually.await(() -> !receiver.events.isEmpty(), () -> "the outage reported");
    broker.down = false;
    Eventually.await(() -> messagesSent().size() == 3, () -> "3 sent, got " + broker.sent);
    assertEquals(numbers(0, 3), messagesSent());
    assertEquals("restored", receiver.events.get(receiver.events.size() - 1));
  }

  @Test
  void beyondTheQueueBoundAMessageIsReportedLostAndThePublisherDoesNotWait() {
    send(0, TopicSender.QUEUE); // nothing is sending
    assertEquals(List.of(), receiver.events);
    send(0, 1);
    assertEquals(List.of("lost a message for the other nodes: 10000 are already waiting for the broker"),
        receiver.events);
  }

  @Test
  void nothingIsTakenAfterClose() throws InterruptedException {
    sender.close();
    send(0, 5);
    start();
    thread.join(10_000);
    assertEquals(List.of(), broker.sent);
    assertEquals(0, broker.outlets);
  }
}
