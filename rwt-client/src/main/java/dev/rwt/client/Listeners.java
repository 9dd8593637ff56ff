package dev.rwt.client;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Event listeners by event name, run on one serial executor in the order events were
 * emitted. {@link #emit} never runs a listener on the caller's thread and never blocks. A
 * listener that throws is logged and the others still run.
 *
 * <p>Thread-safe.
 */
final class Listeners {
  private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

  private static final class Entry {
    final Consumer<Object> callback;
    final Object identity;
    final boolean once;
    final AtomicBoolean removed = new AtomicBoolean();

    Entry(Consumer<Object> callback, Object identity, boolean once) {
      this.callback = callback;
      this.identity = identity;
      this.once = once;
    }
  }

  private final Map<String, List<Entry>> byName = new ConcurrentHashMap<>();
  private final Executor dispatcher;

  Listeners(Executor dispatcher) {
    this.dispatcher = dispatcher;
  }

  @SuppressWarnings("unchecked")
  <T> Registration add(EventType<T> type, Consumer<? super T> callback, boolean once) {
    Objects.requireNonNull(callback, "callback");
    Entry e = new Entry(v -> ((Consumer<Object>) callback).accept(v), callback, once);
    byName.computeIfAbsent(type.name(), n -> new CopyOnWriteArrayList<>()).add(e);
    return () -> remove(type.name(), e);
  }

  /** Removes listeners registered with exactly this callback object. */
  void remove(EventType<?> type, Consumer<?> callback) {
    List<Entry> list = byName.get(type.name());
    if (list != null) {
      list.removeIf(e -> e.identity == callback && e.removed.compareAndSet(false, true));
    }
  }

  void removeAll(EventType<?> type) {
    List<Entry> list = byName.remove(type.name());
    if (list != null) {
      list.forEach(e -> e.removed.set(true));
    }
  }

  void removeAll() {
    byName.values().forEach(l -> l.forEach(e -> e.removed.set(true)));
    byName.clear();
  }

  private void remove(String name, Entry e) {
    e.removed.set(true);
    List<Entry> list = byName.get(name);
    if (list != null) {
      list.remove(e);
    }
  }

  /** Queues the event for its listeners. */
  void emit(EventType<?> type, Object payload) {
    emit(type.name(), payload);
  }

  void emit(String name, Object payload) {
    dispatcher.execute(() -> run(name, payload));
  }

  /** Runs {@code task} on the callback thread, after every event emitted before. */
  void execute(Runnable task) {
    dispatcher.execute(task);
  }

  private void run(String name, Object payload) {
    List<Entry> list = byName.get(name);
    if (list == null) {
      return;
    }
    for (Entry e : list) {
      if (e.removed.get() || (e.once && !e.removed.compareAndSet(false, true))) {
        continue;
      }
      if (e.once) {
        list.remove(e);
      }
      try {
        e.callback.accept(payload);
      } catch (RuntimeException | Error t) {
        LOG.log(Level.WARNING, "listener for '" + name + "' failed", t);
      }
    }
  }
}
