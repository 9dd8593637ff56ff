package dev.rwt.impl.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values of the {@code channel} tag on the message counters. Channel names come from
 * clients, so tagging each would let them grow the metrics without bound: only the channels
 * listed in {@code rwt.metrics.channels} are tags of their own, every other channel counts as
 * {@link #OTHER}, and direct messages (no channel) as {@link #DIRECT}. Neither can be a channel
 * name, which never holds parentheses. Immutable after construction, and thread-safe.
 */
final class ChannelTags {

  static final String OTHER = "(other)";
  static final String DIRECT = "(direct)";

  private final Set<String> listed;

  ChannelTags(List<String> listed) {
    this.listed = new LinkedHashSet<>(listed);
  }

  /** The tag value for {@code channel}; null means a direct message. */
  String of(String channel) {
    if (channel == null) {
      return DIRECT;
    }
    return listed.contains(channel) ? channel : OTHER;
  }

  /** Every value {@link #of} can answer, listed channels first. */
  List<String> values() {
    List<String> all = new ArrayList<>(listed);
    all.add(OTHER);
    all.add(DIRECT);
    return all;
  }
}
