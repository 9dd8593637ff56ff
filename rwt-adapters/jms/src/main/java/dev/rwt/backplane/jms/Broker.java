package dev.rwt.backplane.jms;

/**
 * The topic as the sender and the reader use it, each through a connection of its own that they
 * open again after a failure. Every method may throw a {@code RuntimeException} when the broker
 * cannot be reached; the caller then closes what it opened and tries again later.
 */
interface Broker {

  /** A connection for sending, in order. */
  Outlet outlet();

  /** A subscription to the topic, from now on, without this node's own messages (its heartbeats excepted). */
  Inlet inlet();

  /** Sends on one connection; confined to one thread. */
  interface Outlet extends AutoCloseable {

    /** Hands {@code message} to the broker and returns when the broker has taken it. */
    void send(byte[] message);

    /** Sends this node's heartbeat. */
    void beat();

    @Override
    void close();
  }

  /** Receives on one subscription; confined to one thread. */
  interface Inlet extends AutoCloseable {

    /** The next message, or null when none came within {@code timeoutMs}. */
    Heard next(long timeoutMs);

    @Override
    void close();
  }

  /**
   * What came from the topic: the node that sent it (null when it was not sent by RWT) and
   * either a heartbeat or one of RWT's messages.
   */
  record Heard(String node, boolean beat, byte[] message) {}
}
