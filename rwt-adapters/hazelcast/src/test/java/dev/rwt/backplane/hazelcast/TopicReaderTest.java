package dev.rwt.backplane.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.topic.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicReaderTest {

  private final RecordingReceiver receiver = new RecordingReceiver();
  private final TopicReader reader = new TopicReader(receiver, 7);

  private void read(long sequence, String text) {
    reader.storeSequence(sequence);
    reader.onMessage(new Message<>("rwt", text.getBytes(StandardCharsets.UTF_8), 0, null));
  }

  @Test
  void messagesInSequenceAreHandedOnInOrder() {
    read(7, "a");
    read(8, "b");
    read(9, "c");
    assertEquals(List.of("receive a at 7", "receive b at 8", "receive c at 9"), receiver.events);
  }

  @Test
  void aGapInTheSequenceIsReportedAsLostThenRestored() {
    read(7, "a");
    read(10, "d");
    read(11, "e");
    assertEquals(
        List.of("receive a at 7", "lost 2 messages from other nodes", "receive d at 10", "restored", "receive e at 11"),
        receiver.events);
  }

  @Test
  void readingStartsWhereItIsToldAndGoesOnAfterAGapOrAFailure() {
    assertEquals(7, reader.retrieveInitialSequence());
    assertTrue(reader.isLossTolerant());
    assertFalse(reader.isTerminal(new IllegalStateException()));
  }
}
