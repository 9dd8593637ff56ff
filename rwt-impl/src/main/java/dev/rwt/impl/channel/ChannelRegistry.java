package dev.rwt.impl.channel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which sessions are subscribed to which channel on this node. Thread-safe without a global
 * lock: each channel has its own concurrent set, so a fan-out only iterates a snapshot-free
 * weakly consistent view and never blocks subscribers of other channels.
 *
 * @param <S> the subscriber type
 */
public final class ChannelRegistry<S> {

  private final Map<String, Set<S>> subscribers = new ConcurrentHashMap<>();

  public void add(String channel, S subscriber) {
    subscribers.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(subscriber);
  }

  public void remove(String channel, S subscriber) {
    subscribers.computeIfPresent(
        channel, (c, set) -> set.remove(subscriber) && set.isEmpty() ? null : set);
  }

  /** Calls {@code action} for every subscriber of {@code channel}. */
  public void forEach(String channel, Consumer<S> action) {
    Set<S> set = subscribers.get(channel);
    if (set != null) {
      set.forEach(action);
    }
  }

  public int count(String channel) {
    Set<S> set = subscribers.get(channel);
    return set == null ? 0 : set.size();
  }
}
