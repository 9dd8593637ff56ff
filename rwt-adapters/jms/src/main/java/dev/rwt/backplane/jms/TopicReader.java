package dev.rwt.backplane.jms;

import dev.rwt.api.spi.RwtBackplane;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the topic on its own thread, one message at a time and in the order the broker gives
 * them, and hands RWT's messages to the receiver; heartbeats only update {@link Presence}. When
 * the subscription fails, the loss is reported and it subscribes again after a growing pause
 * (a non-durable subscription does not keep what was published in between). {@link #close} and
 * {@link #awaitSubscribed} are thread-safe; {@link #run} runs on the reader's own thread.
 */
final class TopicReader implements Runnable {

  private static final Logger LOG = Logger.getLogger(TopicReader.class.getName());
  private static final long RECEIVE_MS = 250;

  private final Broker broker;
  private final Presence presence;
  private final Outage outage;
  private final RwtBackplane.Receiver receiver;
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private volatile boolean closed;
  private boolean foreignSeen;

  TopicReader(Broker broker, Presence presence, Outage outage, RwtBackplane.Receiver receiver) {
    this.broker = broker;
    this.presence = presence;
    this.outage = outage;
    this.receiver = receiver;
  }

  /** Whether the first subscription was made within {@code timeoutMs}. */
  boolean awaitSubscribed(long timeoutMs) throws InterruptedException {
    return subscribed.await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  void close() {
    closed = true;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff();
    while (!closed) {
      try (Broker.Inlet in = broker.inlet()) {
        subscribed.countDown();
        outage.working(Outage.RECEIVE);
        backoff.reset();
        while (!closed) {
          take(in.next(RECEIVE_MS));
        }
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        outage.lost(Outage.RECEIVE, "messages from the other nodes: the subscription to the broker failed;"
            + " subscribing again in " + backoff.nextMs() + " ms", e);
        backoff.pause(() -> closed);
      }
    }
  }

  private void take(Broker.Heard heard) {
    if (heard == null) {
      return;
    }
    if (heard.node() == null) {
      if (!foreignSeen) {
        foreignSeen = true;
        LOG.warning("ignoring messages on the backplane topic that RWT did not send: give RWT a topic of its own");
      }
      return;
    }
    presence.heard(heard.node());
    if (heard.beat()) {
      return;
    }
    try {
      receiver.receive(heard.message());
    } catch (RuntimeException e) {
      // one message failing on this node must not end the subscription for the next ones
      LOG.log(Level.WARNING, "a message from another node could not be delivered here", e);
    }
  }
}
