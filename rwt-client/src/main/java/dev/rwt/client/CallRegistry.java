package dev.rwt.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * RPC calls in flight (CALL/RESULT, PROTOCOL.md section 3): u32 ids, many at once, each with
 * its own timeout. Thread-safe (guarded by {@code this}); futures are completed outside the
 * lock.
 */
final class CallRegistry {
  private static final long MAX_ID = 0xFFFF_FFFFL;

  private record Pending(String method, CompletableFuture<Object> future, ScheduledFuture<?> timer) {}

  private final ScheduledExecutorService timers;
  private final Map<Long, Pending> pending = new HashMap<>();
  private long nextId = 1;

  CallRegistry(ScheduledExecutorService timers) {
    this.timers = timers;
  }

  /** Reserves an id; {@code future} fails with TIMEOUT after {@code timeout} (zero or negative: never). */
  synchronized long start(String method, CompletableFuture<Object> future, Duration timeout) {
    long id = nextId;
    while (pending.containsKey(id)) {
      id = id >= MAX_ID ? 1 : id + 1;
    }
    nextId = id >= MAX_ID ? 1 : id + 1;
    long callId = id;
    ScheduledFuture<?> timer = timeout.isZero() || timeout.isNegative() ? null
        : timers.schedule(() -> fail(callId, new RwtTimeoutException("call " + method + " timed out after "
            + timeout.toMillis() + " ms", "TIMEOUT", "call", Map.of("method", method, "id", callId), null, null, null)),
            timeout.toMillis(), TimeUnit.MILLISECONDS);
    pending.put(id, new Pending(method, future, timer));
    return id;
  }

  synchronized int size() {
    return pending.size();
  }

  /** Settles a call from a RESULT body; false for an unknown id. */
  boolean settle(Map<?, ?> result) {
    if (result == null || !(result.get("id") instanceof Long id)) {
      return false;
    }
    Pending p = take(id);
    if (p == null) {
      return false;
    }
    if (result.get("error") instanceof Map<?, ?> error) {
      String code = error.get("code") instanceof String s ? s : "INTERNAL";
      String message = error.get("message") instanceof String s ? s : "call failed";
      Long retry = error.get("retryAfterMs") instanceof Long l ? l : null;
      p.future().completeExceptionally(
          new RwtException(message, code, "call", Map.of("method", p.method(), "id", id), null, retry, null));
    } else {
      p.future().complete(result.get("result"));
    }
    return true;
  }

  void fail(long id, RwtException error) {
    Pending p = take(id);
    if (p != null) {
      p.future().completeExceptionally(error);
    }
  }

  void failAll(RwtException error) {
    List<Pending> all;
    synchronized (this) {
      all = new ArrayList<>(pending.values());
      pending.clear();
    }
    for (Pending p : all) {
      cancel(p);
      p.future().completeExceptionally(error);
    }
  }

  private Pending take(long id) {
    Pending p;
    synchronized (this) {
      p = pending.remove(id);
    }
    if (p != null) {
      cancel(p);
    }
    return p;
  }

  private static void cancel(Pending p) {
    if (p.timer() != null) {
      p.timer().cancel(false);
    }
  }
}
