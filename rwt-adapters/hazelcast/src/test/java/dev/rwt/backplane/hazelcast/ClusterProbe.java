package dev.rwt.backplane.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.rwt.api.Channel;
import dev.rwt.api.RwtChannel;
import dev.rwt.api.RwtChannels;
import dev.rwt.api.RwtRpc;
import dev.rwt.api.spi.RwtBackplane;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Server-side application code deployed on both nodes, as a user would write it. */
@ApplicationScoped
public class ClusterProbe {

  public record Count(int count) {}

  public record Range(String channel, int first, int last) {}

  @Inject
  @Channel("news")
  RwtChannel news;

  @Inject RwtChannels channels;

  @Inject
  @Named("hazelcast")
  RwtBackplane backplane;

  /** How many nodes this node's backplane sees. */
  @RwtRpc("cluster.members")
  int members() {
    return backplane.members().size();
  }

  /** How many messages the data grid's log (the reliable topic's ring buffer) keeps. */
  @RwtRpc("cluster.logCapacity")
  long logCapacity() throws NamingException {
    HazelcastInstance hazelcast = InitialContext.doLookup(HazelcastBackplane.INSTANCE);
    return hazelcast.getRingbuffer(HazelcastBackplane.RING_BUFFER + "rwt").capacity();
  }

  /** Publishes {@code {"n": 0..count-1}} on "news" from the server. */
  @RwtRpc("cluster.publish")
  int publish(Count count) {
    for (int n = 0; n < count.count(); n++) {
      news.publish(Map.of("n", n));
    }
    return count.count();
  }

  /** Publishes {@code {"n": first..last}} on a channel from the server, in order. */
  @RwtRpc("cluster.range")
  int range(Range range) {
    RwtChannel channel = channels.channel(range.channel());
    for (int n = range.first(); n <= range.last(); n++) {
      channel.publish(Map.of("n", n));
    }
    return range.last() - range.first() + 1;
  }
}
