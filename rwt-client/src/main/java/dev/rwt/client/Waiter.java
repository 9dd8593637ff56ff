package dev.rwt.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** {@code waitForMessage}: a one-shot filtered listener with a timeout. */
final class Waiter {
  private Waiter() {}

  static CompletableFuture<ReceivedMessage> start(RwtClient client, Listeners events, ScheduledExecutorService timers,
      MessageFilter filter, String channel, Duration timeout, Executor completions) {
    CompletableFuture<ReceivedMessage> result = new CompletableFuture<>();
    AtomicReference<Registration> registration = new AtomicReference<>();
    MessageFilter f = filter == null ? MessageFilter.any() : filter;
    registration.set(events.add(RwtEvents.MESSAGE, m -> {
      if ((channel == null || Objects.equals(channel, m.channel())) && f.test(m) && !result.isDone()) {
        registration.get().remove();
        completions.execute(() -> result.complete(m));
      }
    }, false));
    ScheduledFuture<?> timer = timers.schedule(() -> {
      registration.get().remove();
      completions.execute(() -> result.completeExceptionally(new RwtTimeoutException("no matching message within "
          + timeout.toMillis() + " ms", "TIMEOUT", "waitForMessage", channel == null ? Map.of()
          : Map.of("channel", channel), null, null, null)));
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    result.whenComplete((v, e) -> timer.cancel(false));
    return result;
  }
}
