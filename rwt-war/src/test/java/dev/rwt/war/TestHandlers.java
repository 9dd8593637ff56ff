package dev.rwt.war;

import dev.rwt.api.Channel;
import dev.rwt.api.RwtChannel;
import dev.rwt.api.RwtChannels;
import dev.rwt.api.RwtException;
import dev.rwt.api.RwtMessage;
import dev.rwt.api.RwtRpc;
import dev.rwt.api.RwtSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Application code as a user would write it, deployed with the test WAR. */
@ApplicationScoped
public class TestHandlers {

  public record Order(String id, int qty) {}

  public record Ack(String id, String status) {}

  public record Increment(int by) {}

  private final AtomicInteger counter = new AtomicInteger();

  @Inject
  @Channel("news")
  RwtChannel news;

  /** Touches the injected channel while the application starts, as a real publisher would. */
  void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
    news.subscriberCount();
  }

  void onOrder(@Observes @Channel("orders") RwtMessage message) {
    Order order = message.as(Order.class);
    message.reply(new Ack(order.id(), "accepted x" + order.qty()));
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

  @RwtRpc("news.publish")
  int publishNews(String headline) {
    news.publish(Map.of("headline", headline));
    return news.subscriberCount();
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

  @Inject RwtChannels channels;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private final List<Long> inbound = new CopyOnWriteArrayList<>();

  public record Stream(String channel, int count, int intervalMs) {}

  /** Publishes {"n": 1..count} on a channel, one every intervalMs, in the background. */
  @RwtRpc("stream")
  String stream(Stream stream) {
    RwtChannel channel = channels.channel(stream.channel());
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

  /** Records the numbers clients send on {@code inbound}. */
  void onInbound(@Observes @Channel("inbound") RwtMessage message) {
    inbound.add(Long.parseLong(message.text()));
  }

  @Inject dev.rwt.impl.session.Sessions sessions;

  /** What the server keeps for unacknowledged frames right now, over all sessions. */
  @RwtRpc("server.retained")
  long retained() {
    return sessions.retainedBytes();
  }

  @RwtRpc("inbound.received")
  List<Long> inboundReceived() {
    return List.copyOf(inbound);
  }

  /** Publishes {@code count} messages of 1 KiB on {@code firehose}; returns how many went out. */
  @RwtRpc("firehose")
  int firehose(int count) {
    RwtChannel channel = channels.channel("firehose");
    byte[] kib = new byte[1024];
    for (int i = 0; i < count; i++) {
      channel.publishBytes(kib);
    }
    return count;
  }

  public record Burst(String channel, int count) {}

  /** Publishes {"n": 1..count} on a channel in one tight loop, as a busy feed does. */
  @RwtRpc("burst")
  int burst(Burst burst) {
    RwtChannel channel = channels.channel(burst.channel());
    for (int n = 1; n <= burst.count(); n++) {
      channel.publish(Map.of("n", n));
    }
    return burst.count();
  }
}
