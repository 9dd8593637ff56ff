package dev.rwt.backplane.jms;

/**
 * Reports an outage when this node's own heartbeats stop coming back from the broker, and its
 * end when one does. It runs on a thread of its own because that is the case where the sender
 * and the reader may say nothing: a client library that reconnects underneath (Artemis through
 * WildFly's pooled connection factory retries for ever by default) holds their calls instead
 * of failing them. {@link #close} is thread-safe; the rest runs on the watch's own thread.
 */
final class EchoWatch implements Runnable {

  private static final long CHECK_MS = 250;

  private final Presence presence;
  private final Outage outage;
  private volatile boolean closed;
  private boolean missing;

  EchoWatch(Presence presence, Outage outage) {
    this.presence = presence;
    this.outage = outage;
  }

  void close() {
    closed = true;
  }

  @Override
  public void run() {
    try {
      while (!closed) {
        check();
        Thread.sleep(CHECK_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void check() {
    boolean now = presence.echoMissing();
    if (now && !missing) {
      outage.lost(Outage.ECHO, "messages between the nodes: this node's heartbeats have not come back from the broker"
          + " for " + Presence.WINDOW_MS + " ms", null);
    } else if (!now && missing) {
      outage.working(Outage.ECHO);
    }
    missing = now;
  }
}
