package dev.rwt.impl.channel;

import java.util.regex.Pattern;

/** The channel name rule of RWT/1: {@code ^[A-Za-z0-9._:-]{1,100}$}. */
public final class ChannelNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private ChannelNames() {}

  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
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
