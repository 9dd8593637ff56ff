package dev.rwt.client;

import java.util.Objects;

/**
 * A typed event name: listeners registered for it receive payloads of type {@code T}. The
 * names are those of the browser client ({@code connect}, {@code message:orders}, ...); the
 * constants live in {@link RwtEvents}. Immutable; equal when the names are equal.
 */
public final class EventType<T> {
  private final String name;
  private final Class<T> payloadType;

  EventType(String name, Class<T> payloadType) {
    this.name = Objects.requireNonNull(name, "name");
    this.payloadType = payloadType;
  }

  public String name() {
    return name;
  }

  public Class<T> payloadType() {
    return payloadType;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventType<?> e && e.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
