package dev.rwt.backplane.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.spi.properties.HazelcastProperties;
import com.hazelcast.topic.ITopic;
import dev.rwt.api.spi.RwtBackplane;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * Thread-safe.
 */
@ApplicationScoped
@Named("hazelcast")
public class HazelcastBackplane implements RwtBackplane {

  private static final Logger LOG = Logger.getLogger(HazelcastBackplane.class.getName());
  static final String TOPIC = "rwt.backplane.hazelcast.topic";
  /** Where Payara binds its data grid member. */
  static final String INSTANCE = "payara/Hazelcast";

  @Inject
  @ConfigProperty(name = TOPIC, defaultValue = "rwt")
  String topicName;

  private HazelcastInstance hazelcast;
  private ITopic<byte[]> topic;
  private UUID registration;
  private TopicSender sender;
  private IMap<String, byte[]> parked;

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
    registration = topic.addMessageListener(new TopicReader(receiver));
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
      sender.close();
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
