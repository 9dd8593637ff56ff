package dev.rwt.impl.channel;

import dev.rwt.protocol.Bodies;

/** The channel name rule of RWT/1 ({@link Bodies#isValidChannelName}), with a message naming it. */
public final class ChannelNames {

  private ChannelNames() {}

  public static boolean isValid(String name) {
    return Bodies.isValidChannelName(name);
  }

  /**
   * @throws IllegalArgumentException naming the rule when {@code name} breaks it
   */
  public static String require(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a channel name: 1 to 100 of A-Z a-z 0-9 . _ : -");
    }
    return name;
  }
}
