package dev.rwt.backplane.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.rwt.api.spi.RwtBackplane;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
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
 * {@link TopicSender} so that a publisher never waits for the network. Thread-safe.
 */
@ApplicationScoped
@Named("hazelcast")
public class HazelcastBackplane implements RwtBackplane {

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
  }

  @Override
  public void publish(String channel, byte[] message) {
    sender.send(message);
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
