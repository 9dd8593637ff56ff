package dev.rwt.api.spi;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Carries channel traffic between the nodes of a cluster, so that a publish on one node reaches
 * the subscribers on every node. RWT delivers to the subscribers on the publishing node itself,
 * directly; a backplane only moves each message once to every other node, which then delivers it
 * to its own subscribers.
 *
 * <p>An adapter is a CDI bean implementing this interface with a {@code @Named} qualifier equal
 * to the value of {@code rwt.backplane} that selects it (RWT ships {@code hazelcast} in
 * {@code rwt-adapters/hazelcast}). With {@code rwt.backplane=local}, the default, no backplane is
 * looked up and nothing leaves the node.
 *
 * <p>Lifecycle: RWT calls {@link #open(Receiver)} once, when the application starts, before any
 * other method; then {@link #publish} from any thread; then {@link #close()} once, when the
 * application stops. Implementations must be thread-safe.
 *
 * <p>Messages are opaque, self-contained byte arrays made and read by RWT (they carry the
 * channel, META and payload, and the id of the node that published them). Guarantees an adapter
 * must give:
 *
 * <ul>
 *   <li>every other open node receives each message at most once (the publishing node may get
 *       its own back; RWT ignores it);
 *   <li>messages published on one node for one channel are received on every node in the order
 *       of the {@code publish} calls made for it (RWT calls {@code publish} for a channel in the
 *       order the publisher's messages were accepted);
 *   <li>a message that may have been lost (the backplane could not reach the cluster, a reader
 *       fell too far behind) is reported through {@link Receiver#lost(String, Throwable)}, never
 *       dropped silently.
 * </ul>
 *
 * <p>Optionally, a backplane parks the sessions of a stopping node so that they resume on
 * another ({@link #parksSessions()}, {@link #park}, {@link #claim}), and keeps its messages in a
 * log that can be read again from a position ({@link #replays()}, {@link #replay}), so that a
 * session that moves misses nothing published meanwhile. Later versions may add
 * more default methods; an adapter written against this interface keeps compiling and working.
 */
public interface RwtBackplane {

  /**
   * Starts carrying traffic: from now on, messages from other nodes go to {@code receiver}.
   * Called once.
   *
   * @throws IllegalStateException when the backplane cannot start; the deployment then fails
   *     with its message, rather than run as a single node that was meant to be a cluster
   */
  void open(Receiver receiver);

  /**
   * Hands {@code message}, for {@code channel}, to every other node. Must not block on the
   * network: a publisher's thread (a client's connection, an application's bean) calls it.
   *
   * @param channel the channel name, for adapters that shard or route by channel
   * @param message what {@link Receiver#receive(byte[])} gets on the other nodes; not modified
   *     by RWT afterwards
   */
  void publish(String channel, byte[] message);

  /** This node, as the cluster names it. */
  String nodeId();

  /** The nodes of the cluster as this node currently sees them, itself included. */
  Set<String> members();

  /**
   * Whether this backplane keeps sessions for other nodes ({@link #park}, {@link #claim}), so
   * that a client whose node stops resumes its session on another. False unless overridden.
   */
  default boolean parksSessions() {
    return false;
  }

  /**
   * Keeps a session's state, as RWT made it, for {@code ttlMs} milliseconds, under its id; then
   * drops it. Called while this node stops, before the session's client is told to go, from
   * one thread; it may block until the state is stored. The state holds the session's resume
   * keys: keep it no longer than {@code ttlMs} and only where the cluster's nodes can read it.
   *
   * @throws UnsupportedOperationException unless {@link #parksSessions()}
   * @throws IllegalStateException when the state could not be stored; RWT logs it and the
   *     session ends
   */
  default void park(String sessionId, byte[] state, long ttlMs) {
    throw new UnsupportedOperationException("this backplane does not park sessions");
  }

  /**
   * Takes the state parked under {@code sessionId} out of the backplane, if it is still there:
   * atomically, so that of two nodes claiming one session at most one gets it. Called on a
   * client's connection thread during its handshake.
   *
   * @return empty when nothing is parked under that id (never was, expired or claimed) or the
   *     backplane does not park sessions
   */
  default Optional<byte[]> claim(String sessionId) {
    return Optional.empty();
  }

  /**
   * Whether this backplane keeps the messages it carries in a log, numbered by increasing
   * positions, that {@link #replay} reads again. Such a backplane tells its receiver the position
   * of every message ({@link Receiver#receive(byte[], long)}) and where it started reading
   * ({@link Receiver#startsAfter(long)}). Asked once {@link #open} has returned. False unless
   * overridden.
   */
  default boolean replays() {
    return false;
  }

  /**
   * Reads again, in log order, the messages kept at positions above {@code after} up to and
   * including {@code upTo}, every node's own included, and hands each to {@code to} on the
   * calling thread before returning. Called on a client's connection thread while a session moved
   * from another node is adopted; it may block until the messages are read.
   *
   * @throws UnsupportedOperationException unless {@link #replays()}
   * @throws IllegalStateException when a message in that range is no longer kept (the log
   *     overwrote it) or cannot be read: the caller must then treat what it missed as lost
   */
  default void replay(long after, long upTo, Consumer<byte[]> to) {
    throw new UnsupportedOperationException("this backplane keeps no log to replay");
  }

  /** Stops carrying traffic and releases what {@link #open} took. Called once. */
  void close();

  /**
   * Where a backplane hands what it receives. Called from the backplane's threads; calls for
   * one channel from one publishing node are made one at a time, in order.
   */
  interface Receiver {

    /** A message published on some node; a node's own messages may come back and are ignored. */
    void receive(byte[] message);

    /**
     * As {@link #receive(byte[])}, for a backplane that {@link RwtBackplane#replays()}: with the
     * message's position in its log. Positions increase from one call to the next.
     */
    default void receive(byte[] message, long position) {
      receive(message);
    }

    /**
     * For a backplane that {@link RwtBackplane#replays()}: called once by {@code open}, before any
     * message, with the position of the last message published before this node began reading
     * (the first it receives is above it).
     */
    default void startsAfter(long position) {}

    /**
     * Messages may have been lost on their way to this node, or this node's publishes may not
     * have left it. RWT logs it once per outage.
     *
     * @param what a short description of what was lost, for the log
     * @param cause the failure, if there was one
     */
    void lost(String what, Throwable cause);

    /** The backplane works again after a {@link #lost} report. */
    default void restored() {}
  }
}
