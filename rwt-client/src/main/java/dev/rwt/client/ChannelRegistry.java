package dev.rwt.client;

import dev.rwt.protocol.RwtWire;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Subscriptions: channel names and the ids the server assigned (SUBSCRIBE/SUBSCRIBED), which
 * channels the application wants, and who waits for a subscription.
 *
 * <p>Not thread-safe: guarded by the client's session lock. Futures are completed under that
 * lock; only internal code depends on them directly.
 */
final class ChannelRegistry {
  private static final Pattern NAME = Pattern.compile(RwtWire.CHANNEL_NAME_PATTERN);

  private static final class Entry {
    Integer id;
    boolean wanted;
    String token;
    final List<CompletableFuture<Integer>> waiters = new ArrayList<>();
  }

  private final Map<String, Entry> byName = new LinkedHashMap<>();
  private final Map<Integer, String> byId = new HashMap<>();

  /**
   * @throws RwtException BAD_CHANNEL_NAME
   */
  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new RwtException("invalid channel name " + name, "BAD_CHANNEL_NAME", "subscribe");
    }
    return name;
  }

  private Entry entry(String name) {
    return byName.computeIfAbsent(name, n -> new Entry());
  }

  /** Marks a channel wanted; the future completes with its id once SUBSCRIBED arrives. */
  CompletableFuture<Integer> want(String name, String token) {
    Entry e = entry(checkName(name));
    e.wanted = true;
    if (token != null) {
      e.token = token;
    }
    if (e.id != null) {
      return CompletableFuture.completedFuture(e.id);
    }
    CompletableFuture<Integer> f = new CompletableFuture<>();
    e.waiters.add(f);
    return f;
  }

  Integer idOf(String name) {
    Entry e = byName.get(name);
    return e == null ? null : e.id;
  }

  String nameOf(int id) {
    return byId.get(id);
  }

  String tokenOf(String name) {
    Entry e = byName.get(name);
    return e == null ? null : e.token;
  }

  boolean isActive(String name) {
    return idOf(name) != null;
  }

  /** Wanted but not subscribed. */
  List<String> pendingNames() {
    List<String> out = new ArrayList<>();
    byName.forEach((n, e) -> {
      if (e.wanted && e.id == null) {
        out.add(n);
      }
    });
    return out;
  }

  /** Every channel known: wanted or subscribed. */
  List<String> knownNames() {
    List<String> out = new ArrayList<>();
    byName.forEach((n, e) -> {
      if (e.wanted || e.id != null) {
        out.add(n);
      }
    });
    return out;
  }

  List<String> activeNames() {
    List<String> out = new ArrayList<>();
    byName.forEach((n, e) -> {
      if (e.id != null) {
        out.add(n);
      }
    });
    return out;
  }

  /** SUBSCRIBED (an answer or a server-side subscription). */
  void subscribed(int id, String name) {
    Entry e = entry(name);
    if (e.id != null && e.id != id) {
      byId.remove(e.id);
    }
    e.id = id;
    e.wanted = true;
    byId.put(id, name);
    List<CompletableFuture<Integer>> waiters = new ArrayList<>(e.waiters);
    e.waiters.clear();
    waiters.forEach(w -> w.complete(id));
  }

  /** UNSUBSCRIBED from the server: the name, or null for an unknown id. */
  String unsubscribed(int id) {
    String name = byId.remove(id);
    if (name == null) {
      return null;
    }
    Entry e = byName.get(name);
    e.id = null;
    e.wanted = false;
    return name;
  }

  /** Stops wanting a channel; returns its id if it had one. */
  Integer release(String name) {
    Entry e = byName.get(name);
    if (e == null) {
      return null;
    }
    Integer id = e.id;
    e.wanted = false;
    if (id != null) {
      byId.remove(id);
      e.id = null;
    }
    return id;
  }

  /** A subscribe request failed: fail its waiters and stop wanting it. */
  void refused(String name, RwtException error) {
    Entry e = byName.get(name);
    if (e == null) {
      return;
    }
    e.wanted = false;
    List<CompletableFuture<Integer>> waiters = new ArrayList<>(e.waiters);
    e.waiters.clear();
    waiters.forEach(w -> w.completeExceptionally(error));
  }

  /** A fresh session has no subscriptions: forget the ids, keep what is wanted. */
  void clearIds() {
    byId.clear();
    byName.values().forEach(e -> e.id = null);
  }

  void failAll(RwtException error) {
    for (Entry e : byName.values()) {
      List<CompletableFuture<Integer>> waiters = new ArrayList<>(e.waiters);
      e.waiters.clear();
      waiters.forEach(w -> w.completeExceptionally(error));
    }
  }
}
