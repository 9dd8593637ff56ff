package dev.rwt.api;

/** Looks channels up by a name known only at run time. Injectable; thread-safe. */
public interface RwtChannels {

  /**
   * The channel called {@code name}.
   *
   * @throws IllegalArgumentException when the name does not match the channel name rule
   */
  RwtChannel channel(String name);
}
