package dev.rwt.war;

import dev.rwt.api.Channel;
import dev.rwt.api.RwtChannel;
import dev.rwt.api.RwtChannels;
import dev.rwt.api.RwtException;
import dev.rwt.api.RwtMessage;
import dev.rwt.api.RwtRpc;
import dev.rwt.api.RwtSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
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
}
