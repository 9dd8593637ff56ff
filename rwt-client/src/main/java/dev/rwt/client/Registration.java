package dev.rwt.client;

/**
 * A registered listener; {@link #remove()} unregisters it (idempotent). Also usable in
 * try-with-resources.
 */
@FunctionalInterface
public interface Registration extends AutoCloseable {
  void remove();

  @Override
  default void close() {
    remove();
  }
}
