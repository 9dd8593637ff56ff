package dev.rwt.client;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Selects messages for filtered listeners and {@code waitForMessage}. Combine with
 * {@link #and(Predicate)}: {@code MessageFilter.channel("orders").and(MessageFilter.type("filled"))}.
 */
@FunctionalInterface
public interface MessageFilter extends Predicate<ReceivedMessage> {

  /** Every message. */
  static MessageFilter any() {
    return m -> true;
  }

  /** Messages on {@code channel} (null: direct messages). */
  static MessageFilter channel(String channel) {
    return m -> Objects.equals(m.channel(), channel);
  }

  /** Messages whose META {@code from} is {@code principal}. */
  static MessageFilter from(String principal) {
    return m -> Objects.equals(m.from(), principal);
  }

  /** JSON-object messages whose {@code type} member is {@code type}. */
  static MessageFilter type(String type) {
    return m -> Objects.equals(m.type(), type);
  }

  /** Adapts any predicate. */
  static MessageFilter of(Predicate<? super ReceivedMessage> predicate) {
    return predicate::test;
  }

  @Override
  default MessageFilter and(Predicate<? super ReceivedMessage> other) {
    return m -> test(m) && other.test(m);
  }
}
