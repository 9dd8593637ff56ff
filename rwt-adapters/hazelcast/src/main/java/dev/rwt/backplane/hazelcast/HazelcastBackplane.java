package dev.rwt.backplane.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.spi.properties.HazelcastProperties;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.impl.reliable.ReliableTopicMessage;
import dev.rwt.api.spi.RwtBackplane;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code rwt.backplane=hazelcast}: channel traffic on a Hazelcast reliable topic of the server's
 * own data grid ({@code payara/Hazelcast} on Payara Server and Payara Micro), so the nodes of a
 * Payara cluster need nothing more than the cluster they already form.
 *
 * <p>One topic ({@code rwt.backplane.hazelcast.topic}, default {@code rwt}) carries every
 * channel: a reliable topic is one ring buffer, read in order by every node, which gives each
 * publisher's messages in publish order everywhere and tells a reader when it fell behind the
 * ring buffer's capacity instead of skipping silently. Publishes leave through a
 * {@link TopicSender} so that a publisher never waits for the network.
 *
 * <p>Sessions of a stopping node are parked in a map of the same grid, named after the topic
 * ({@code <topic>.sessions}), each entry with its own time to live: what was left of its resume
 * TTL. A claim is the map's atomic remove, so one session resumes on one node at most.
 *
 * <p>The topic's ring buffer ({@code _hz_rb_<topic>}) is the log a moving session's messages are
 * replayed from: a message's position is its sequence there, and a session whose position the
 * ring buffer has overwritten (more than its capacity was published while the session moved)
 * cannot be replayed. Thread-safe.
 */
@ApplicationScoped
@Named("hazelcast")
public class HazelcastBackplane implements RwtBackplane {

  private static final Logger LOG = Logger.getLogger(HazelcastBackplane.class.getName());
  static final String TOPIC = "rwt.backplane.hazelcast.topic";
  /** Where Payara binds its data grid member. */
  static final String INSTANCE = "payara/Hazelcast";
  /** The ring buffer Hazelcast keeps a reliable topic in, by the topic's name. */
  static final String RING_BUFFER = "_hz_rb_";
  /** Messages read from the ring buffer per call, when replaying. */
  static final int REPLAY_BATCH = 500;
  /** How long a replay waits for one batch, and a stopping node for its last publishes to leave. */
  static final long WAIT_MS = 10_000;

  @Inject
  @ConfigProperty(name = TOPIC, defaultValue = "rwt")
  String topicName;

  private HazelcastInstance hazelcast;
  private ITopic<byte[]> topic;
  private UUID registration;
  private TopicSender sender;
  private IMap<String, byte[]> parked;
  private Ringbuffer<ReliableTopicMessage> log;
  private SerializationService serialization;

  @Override
  public synchronized void open(Receiver receiver) {
    try {
      // looked up here rather than injected, so that only a selected adapter touches it
      hazelcast = InitialContext.doLookup(INSTANCE);
    } catch (NamingException e) {
      throw new IllegalStateException("rwt.backplane=hazelcast, but " + INSTANCE + " is not there"
          + " (is this Payara, with its data grid enabled?)", e);
    }
    topic = hazelcast.getReliableTopic(topicName);
    log = hazelcast.getRingbuffer(RING_BUFFER + topicName);
    if (hazelcast instanceof SerializationServiceSupport s) {
      serialization = s.getSerializationService();
    } else {
      LOG.warning("the data grid's messages cannot be read back here (" + hazelcast.getClass().getName()
          + "): a session that moves to this node cannot be replayed what was published meanwhile, and starts anew");
    }
    long first = log.tailSequence() + 1;
    receiver.startsAfter(first - 1);
    registration = topic.addMessageListener(new TopicReader(receiver, first));
    sender = new TopicSender(topic, receiver);
    parked = hazelcast.getMap(topicName + ".sessions");
    if (new HazelcastProperties(hazelcast.getConfig()).getBoolean(ClusterProperty.SHUTDOWNHOOK_ENABLED)) {
      LOG.warning("the data grid stops on its own when this JVM is told to stop (hazelcast.shutdownhook.enabled),"
          + " so this node's sessions may not be parked for the other nodes on a graceful stop; start the server"
          + " with -Dhazelcast.shutdownhook.enabled=false (see docs/cluster.md)");
    }
  }

  @Override
  public void publish(String channel, byte[] message) {
    sender.send(message);
  }

  @Override
  public boolean parksSessions() {
    return true;
  }

  @Override
  public void park(String sessionId, byte[] state, long ttlMs) {
    try {
      parked.set(sessionId, state, ttlMs, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the data grid did not take session " + sessionId, e);
    }
  }

  @Override
  public Optional<byte[]> claim(String sessionId) {
    return Optional.ofNullable(parked.remove(sessionId));
  }

  @Override
  public boolean replays() {
    return serialization != null;
  }

  @Override
  public void replay(long after, long upTo, Consumer<byte[]> to) {
    long next = after + 1;
    while (next <= upTo) {
      ReadResultSet<ReliableTopicMessage> batch = read(next, (int) Math.min(REPLAY_BATCH, upTo - next + 1));
      for (int i = 0; i < batch.size() && next <= upTo; i++, next++) {
        if (batch.getSequence(i) != next) {
          throw new IllegalStateException("the data grid's log has no message " + next + " of " + topicName);
        }
        to.accept(serialization.toObject(batch.get(i).getPayload()));
      }
    }
  }

  private ReadResultSet<ReliableTopicMessage> read(long from, int count) {
    if (from < log.headSequence()) {
      throw new IllegalStateException("message " + from + " of " + topicName + " has left the data grid's log"
          + " (it keeps the last " + log.capacity() + ")");
    }
    try {
      return log.readManyAsync(from, count, count, null).toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new IllegalStateException("the data grid's log of " + topicName + " could not be read from " + from, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the data grid's log", e);
    }
  }

  @Override
  public String nodeId() {
    return hazelcast.getCluster().getLocalMember().getUuid().toString();
  }

  @Override
  public Set<String> members() {
    Set<String> ids = new LinkedHashSet<>();
    for (Member m : hazelcast.getCluster().getMembers()) {
      ids.add(m.getUuid().toString());
    }
    return ids;
  }

  @Override
  public synchronized void close() {
    if (sender != null) {
      sender.close(WAIT_MS);
    }
    if (registration != null) {
      try {
        topic.removeMessageListener(registration);
      } catch (RuntimeException e) {
        // the data grid is going down with the server: nothing left to unregister from
      }
    }
  }
}
