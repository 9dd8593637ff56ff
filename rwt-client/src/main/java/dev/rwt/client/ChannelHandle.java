package dev.rwt.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client's API bound to one channel ({@link RwtClient#createChannel(String)}). A light view:
 * it holds no state of its own, so any number of handles for a name behave alike. Thread-safe.
 */
public final class ChannelHandle {
  private final RwtClient client;
  private final String name;

  ChannelHandle(RwtClient client, String name) {
    this.client = client;
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Subscribes (again); completes with the id the server assigned. */
  public CompletableFuture<Integer> open() {
    return client.subscribe(name);
  }

  /** Unsubscribes; listeners added through this handle stay until removed. */
  public CompletableFuture<Void> close() {
    return client.unsubscribe(name);
  }

  public boolean isActive() {
    return client.isSubscribed(name);
  }

  public CompletableFuture<SendResult> send(Object data) {
    return client.send(name, data, SendOptions.defaults());
  }

  public CompletableFuture<SendResult> send(Object data, SendOptions options) {
    return client.send(name, data, options);
  }

  public CompletableFuture<SendResult> sendBinary(byte[] bytes) {
    return client.sendBinary(name, bytes);
  }

  /** Every message on this channel. */
  public Registration onMessage(Consumer<ReceivedMessage> listener) {
    return client.on(RwtEvents.message(name), listener);
  }

  /** Messages on this channel that match {@code filter}. */
  public Registration onMessage(MessageFilter filter, Consumer<ReceivedMessage> listener) {
    return client.on(RwtEvents.message(name), m -> {
      if (filter.test(m)) {
        listener.accept(m);
      }
    });
  }

  public CompletableFuture<ReceivedMessage> waitForMessage(MessageFilter filter, Duration timeout) {
    return client.waitForMessage(filter, name, timeout);
  }

  @Override
  public String toString() {
    return "ChannelHandle[" + name + (isActive() ? ", active" : "") + "]";
  }
}
