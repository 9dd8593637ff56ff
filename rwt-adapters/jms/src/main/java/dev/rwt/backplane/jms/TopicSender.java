package dev.rwt.backplane.jms;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends what this node publishes to the topic, one message at a time and in the order it was
 * handed over, from one thread and one connection (Jakarta Messaging keeps the order of one
 * producer's messages), with a heartbeat every {@link Presence#BEAT_MS}. A publisher only adds
 * to a bounded queue and never waits for the broker; when the queue is full, or a send fails,
 * the message is reported lost. After a failure the connection is opened again, with a
 * growing pause, and what queued meanwhile leaves in order. {@link #send} and {@link #close}
 * are thread-safe; {@link #run} runs on the sender's own thread.
 */
final class TopicSender implements Runnable {

  static final int QUEUE = 10_000;
  private static final long POLL_MS = 100;

  private final Broker broker;
  private final Outage outage;
  private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(QUEUE);
  private volatile boolean closed;

  TopicSender(Broker broker, Outage outage) {
    this.broker = broker;
    this.outage = outage;
  }

  void send(byte[] message) {
    if (!closed && !queue.offer(message)) {
      outage.lost(Outage.SEND, "a message for the other nodes: " + QUEUE + " are already waiting for the broker", null);
    }
  }

  void close() {
    closed = true;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff();
    while (!closed) {
      byte[][] inFlight = new byte[1][];
      try (Broker.Outlet out = broker.outlet()) {
        pump(out, inFlight, backoff);
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        outage.lost(Outage.SEND, (inFlight[0] != null ? "a message for the other nodes" : "the heartbeat")
            + ": the broker did not take it; connecting again in " + backoff.nextMs() + " ms", e);
        backoff.pause(() -> closed);
      }
    }
  }

  private void pump(Broker.Outlet out, byte[][] inFlight, Backoff backoff) {
    long nextBeat = System.nanoTime(); // the first one as soon as connected
    while (!closed) {
      long now = System.nanoTime();
      if (now - nextBeat >= 0) {
        out.beat();
        nextBeat = now + TimeUnit.MILLISECONDS.toNanos(Presence.BEAT_MS);
      }
      inFlight[0] = poll();
      if (inFlight[0] != null) {
        out.send(inFlight[0]);
        inFlight[0] = null;
        backoff.reset();
        outage.working(Outage.SEND);
      }
    }
  }

  private byte[] poll() {
    try {
      return queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      closed = true;
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
