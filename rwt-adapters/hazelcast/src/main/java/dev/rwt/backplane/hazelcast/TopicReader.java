package dev.rwt.backplane.hazelcast;

import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import dev.rwt.api.spi.RwtBackplane;

/**
 * Reads the reliable topic from where it is told (its tail when the node started), in order, on
 * one of Hazelcast's threads at a time, and hands each message to RWT with its sequence in the
 * ring buffer (its position in the log, see {@link HazelcastBackplane#replay}). A gap in the
 * sequence means this node fell behind by more than the ring buffer's capacity (or a partition was
 * lost): reported, then reading goes on from what is there. Confined to the topic's runner.
 */
final class TopicReader implements ReliableMessageListener<byte[]> {

  private final RwtBackplane.Receiver receiver;
  private final long first;
  private long last = -1;
  private long current = -1;
  private boolean behind;

  /** Reads from sequence {@code first} on: history before it is not replayed to a starting node. */
  TopicReader(RwtBackplane.Receiver receiver, long first) {
    this.receiver = receiver;
    this.first = first;
  }

  @Override
  public long retrieveInitialSequence() {
    return first;
  }

  @Override
  public void storeSequence(long sequence) {
    if (last >= 0 && sequence != last + 1) {
      behind = true;
      receiver.lost((sequence - last - 1) + " messages from other nodes", null);
    } else if (behind) {
      behind = false;
      receiver.restored();
    }
    last = sequence;
    current = sequence; // Hazelcast stores a message's sequence just before it hands the message over
  }

  @Override
  public void onMessage(Message<byte[]> message) {
    receiver.receive(message.getMessageObject(), current);
  }

  @Override
  public boolean isLossTolerant() {
    return true; // go on after a gap: storeSequence has reported it
  }

  @Override
  public boolean isTerminal(Throwable failure) {
    return false; // a failing delivery on this node must not stop the next ones
  }
}
