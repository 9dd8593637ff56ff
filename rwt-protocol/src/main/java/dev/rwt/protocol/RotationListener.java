package dev.rwt.protocol;

/**
 * Told when a session's send or receive epoch moves forward (a token rotation; the keys of
 * older epochs have just been erased). Useful for logs, metrics and "rotate" events.
 *
 * <p>Called on the thread that was sealing or opening, after the session released its
 * locks; implementations must be quick and must not block.
 */
@FunctionalInterface
public interface RotationListener {
  /** A listener that does nothing. */
  RotationListener NONE = (direction, epoch) -> {};

  /**
   * @param direction {@link Direction} of the frames now sealed (send) or accepted
   *     (receive) under the new epoch
   * @param epoch the new epoch
   */
  void onEpochChange(Direction direction, long epoch);
}
