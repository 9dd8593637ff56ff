package dev.rwt.impl.session;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A session's subscriptions: channel names and the ids (1..65535) the server gave them. Ids are
 * never reused within a session, so a late frame for an ended subscription cannot be mistaken
 * for a new one. Guarded by the owning {@link ServerSession}.
 */
final class Subscriptions {

  private static final int MAX_ID = 0xFFFF;

  /** Empty and shared until the first subscription (many sessions never have one), then a HashMap. */
  private Map<String, Integer> idsByName = Map.of();
  private Map<Integer, String> namesById = Map.of();
  private int lastId;

  OptionalInt idOf(String name) {
    Integer id = idsByName.get(name);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  String nameOf(int id) {
    return namesById.get(id);
  }

  int size() {
    return idsByName.size();
  }

  /** Adds {@code name} under a fresh id, or returns -1 when the id space is used up. */
  int add(String name) {
    if (lastId == MAX_ID) {
      return -1;
    }
    int id = ++lastId;
    mutable();
    idsByName.put(name, id);
    namesById.put(id, name);
    return id;
  }

  /** Removes the subscription with {@code id}; returns its name or null. */
  String remove(int id) {
    String name = namesById.isEmpty() ? null : namesById.remove(id);
    if (name != null) {
      idsByName.remove(name);
    }
    return name;
  }

  /** Takes over the subscriptions of a session from another node (see {@link SessionSnapshot}). */
  void restore(Map<String, Integer> ids, int lastId) {
    mutable();
    ids.forEach((name, id) -> {
      idsByName.put(name, id);
      namesById.put(id, name);
    });
    this.lastId = lastId;
  }

  Map<String, Integer> ids() {
    return Map.copyOf(idsByName);
  }

  int lastId() {
    return lastId;
  }

  Set<String> names() {
    return Set.copyOf(idsByName.keySet());
  }

  private void mutable() {
    if (idsByName.isEmpty()) {
      idsByName = new HashMap<>();
      namesById = new HashMap<>();
    }
  }
}
