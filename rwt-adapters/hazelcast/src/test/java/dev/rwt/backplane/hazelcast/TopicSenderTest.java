package dev.rwt.backplane.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.topic.ITopic;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sender's ordering and bounds against a topic whose publishes complete when the test says. */
class TopicSenderTest {

  /** Each publishAllAsync call: its messages, and the future the test completes. */
  record Publish(List<String> messages, CompletableFuture<Void> done) {}

  private final List<Publish> publishes = new CopyOnWriteArrayList<>();
  private final RecordingReceiver receiver = new RecordingReceiver();
  private final TopicSender sender = new TopicSender(topic(), receiver);

  @SuppressWarnings("unchecked")
  private ITopic<byte[]> topic() {
    return (ITopic<byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ITopic.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("publishAllAsync")) {
            throw new UnsupportedOperationException(method.getName());
          }
          List<String> texts = new ArrayList<>();
          for (Object m : (Collection<?>) args[0]) {
            texts.add(new String((byte[]) m, StandardCharsets.UTF_8));
          }
          Publish p = new Publish(texts, new CompletableFuture<>());
          publishes.add(p);
          return p.done();
        });
  }

  private void send(int from, int to) {
    IntStream.range(from, to).forEach(n -> sender.send(Integer.toString(n).getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> numbers(int from, int to) {
    return IntStream.range(from, to).mapToObj(Integer::toString).toList();
  }

  @Test
  void oneBatchIsInFlightAndWhatQueuedMeanwhileLeavesNextInOrder() {
    send(0, 1);
    send(1, 300);
    assertEquals(1, publishes.size(), "the second waits for the first");
    assertEquals(List.of("0"), publishes.get(0).messages());

    publishes.get(0).done().complete(null);
    assertEquals(2, publishes.size());
    assertEquals(numbers(1, 257), publishes.get(1).messages(), "at most 256 at a time");

    publishes.get(1).done().complete(null);
    publishes.get(2).done().complete(null);
    assertEquals(numbers(257, 300), publishes.get(2).messages());
    assertEquals(3, publishes.size());
    assertEquals(List.of(), receiver.events);
  }

  @Test
  void aFailedPublishIsReportedLostAndTheNextSuccessRestores() {
    send(0, 1);
    send(1, 3);
    publishes.get(0).done().completeExceptionally(new IllegalStateException("grid down"));
    publishes.get(1).done().complete(null);
    assertEquals(List.of("lost 1 messages for the other nodes", "restored"), receiver.events);
    assertEquals(List.of("1", "2"), publishes.get(1).messages());
  }

  @Test
  void beyondTheQueueBoundAMessageIsReportedLostAndThePublisherDoesNotWait() {
    send(0, 1); // in flight, never completed
    send(1, TopicSender.QUEUE + 1);
    assertEquals(List.of(), receiver.events);
    send(0, 1);
    assertEquals(List.of("lost a message for the other nodes: 10000 are already waiting for the data grid"),
        receiver.events);
  }

  @Test
  void closeLetsWhatIsQueuedLeaveFirst() throws Exception {
    send(0, 1);
    send(1, 3);
    Thread closing = new Thread(() -> sender.close(60_000));
    closing.start();
    publishes.get(0).done().complete(null);
    publishes.get(1).done().complete(null);
    closing.join(60_000);
    assertTrue(!closing.isAlive(), "closed once the queue is empty");
    assertEquals(List.of("1", "2"), publishes.get(1).messages());
  }

  @Test
  void closeWaitsNoLongerThanItIsTold() {
    send(0, 1); // in flight, never completed
    sender.close(0);
    send(1, 3);
    assertEquals(1, publishes.size());
  }

  @Test
  void nothingLeavesAfterClose() {
    send(0, 1);
    sender.close(0);
    send(1, 5);
    publishes.get(0).done().complete(null);
    assertEquals(1, publishes.size());
    assertTrue(receiver.events.isEmpty());
  }
}
