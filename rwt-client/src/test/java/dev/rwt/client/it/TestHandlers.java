package dev.rwt.client.it;

import dev.rwt.api.Channel;
import dev.rwt.api.RwtChannels;
import dev.rwt.api.RwtException;
import dev.rwt.api.RwtMessage;
import dev.rwt.api.RwtRpc;
import dev.rwt.api.RwtSession;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Server-side application code deployed with the test WAR, as a user would write it. */
@ApplicationScoped
public class TestHandlers {

  public record Order(String id, int qty) {}

  public record Ack(String id, String status) {}

  public record Burst(String channel, int from, int count) {}

  public record Increment(int by) {}

  public record Stream(String channel, int count, int intervalMs) {}

  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, List<Long>> tallies = new ConcurrentHashMap<>();

  @Inject RwtChannels channels;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  void onOrder(@Observes @Channel("orders") RwtMessage message) {
    Order order = message.as(Order.class);
    message.reply(new Ack(order.id(), "accepted x" + order.qty()));
  }

  /** Numbers sent on "tally" are recorded per principal, in arrival order. */
  void onTally(@Observes @Channel("tally") RwtMessage message) {
    Long n = message.as(Long.class);
    tallies.computeIfAbsent(message.session().identity().id(), k -> java.util.Collections.synchronizedList(
        new ArrayList<>())).add(n);
  }

  void onDirect(@Observes RwtMessage message) {
    if (message.channel() == null) {
      message.reply(Map.of("echo", message.text()));
    }
  }

  @RwtRpc("counter.increment")
  int increment(RwtSession session, Increment by) {
    return counter.addAndGet(by.by());
  }

  @RwtRpc("whoami")
  String whoami(RwtSession session) {
    return session.identity().id();
  }

  @RwtRpc("slow")
  String slow() throws InterruptedException {
    Thread.sleep(1500);
    return "done";
  }

  @RwtRpc("boom")
  String boom() {
    throw new IllegalStateException("boom");
  }

  @RwtRpc("out.of.stock")
  String outOfStock() {
    throw new RwtException("OUT_OF_STOCK", "none left");
  }

  /** Publishes {@code count} numbers from {@code from} on a channel, one message each. */
  @RwtRpc("burst")
  int burst(Burst burst) {
    for (int i = 0; i < burst.count(); i++) {
      channels.channel(burst.channel()).publish(burst.from() + i);
    }
    return burst.count();
  }

  @RwtRpc("tally")
  List<Long> tally(RwtSession session) {
    List<Long> t = tallies.getOrDefault(session.identity().id(), List.of());
    synchronized (t) {
      return new ArrayList<>(t);
    }
  }

  /** Publishes {"n": 1..count} on a channel, one every intervalMs, in the background. */
  @RwtRpc("stream")
  String stream(Stream stream) {
    var channel = channels.channel(stream.channel());
    executor.execute(() -> {
      for (int n = 1; n <= stream.count(); n++) {
        channel.publish(Map.of("n", n));
        try {
          Thread.sleep(stream.intervalMs());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    });
    return "started";
  }
}
