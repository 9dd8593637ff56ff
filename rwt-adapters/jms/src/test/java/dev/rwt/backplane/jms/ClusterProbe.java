package dev.rwt.backplane.jms;

import dev.rwt.api.Channel;
import dev.rwt.api.RwtChannel;
import dev.rwt.api.RwtRpc;
import dev.rwt.api.spi.RwtBackplane;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/** Server-side application code deployed on both nodes, as a user would write it. */
@ApplicationScoped
public class ClusterProbe {

  public record Count(int count) {}

  @Inject
  @Channel("news")
  RwtChannel news;

  @Inject
  @Named("jms")
  RwtBackplane backplane;

  /** How many nodes this node's backplane sees. */
  @RwtRpc("cluster.members")
  int members() {
    return backplane.members().size();
  }

  /** Publishes {@code {"n": 0..count-1}} on "news" from the server. */
  @RwtRpc("cluster.publish")
  int publish(Count count) {
    for (int n = 0; n < count.count(); n++) {
      news.publish(Map.of("n", n));
    }
    return count.count();
  }
}
