package dev.rwt.api;

/**
 * A handle on one channel, for publishing from server code. Obtain it by injection
 * ({@code @Inject @Channel("prices") RwtChannel}) or from {@link RwtChannels#channel(String)}.
 *
 * <p>Thread-safe. Publishing never blocks on a slow subscriber: each subscriber has its own
 * bounded outbound queue, and one that cannot keep up is disconnected (close 4008) rather than
 * slowing the others down.
 */
public interface RwtChannel {

  /** The channel's name. */
  String name();

  /** Publishes {@code payload} as JSON (JSON-B) to every subscriber. */
  void publish(Object payload);

  /** Publishes opaque bytes to every subscriber. */
  void publishBytes(byte[] payload);

  /** How many connections on this node are subscribed right now. */
  int subscriberCount();
}
