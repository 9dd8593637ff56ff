package dev.rwt.backplane.hazelcast;

import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import dev.rwt.api.spi.RwtBackplane;

/**
 * Reads the reliable topic from its tail, in order, on one of Hazelcast's threads at a time, and
 * hands each message to RWT. A gap in the ring buffer's sequence means this node fell behind by
 * more than its capacity (or a partition was lost): reported, then reading goes on from what is
 * there. Confined to the topic's runner.
 */
final class TopicReader implements ReliableMessageListener<byte[]> {

  private final RwtBackplane.Receiver receiver;
  private long last = -1;
  private boolean behind;

  TopicReader(RwtBackplane.Receiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public long retrieveInitialSequence() {
    return -1; // from the next message published: history is not replayed to a starting node
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
  }

  @Override
  public void onMessage(Message<byte[]> message) {
    receiver.receive(message.getMessageObject());
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
