package dev.rwt.protocol;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Small builders for the fixed frame bodies of section 3 (ACK and PING u64s, ERROR JSON)
 * and the channel-name rule. Stateless and thread-safe.
 */
public final class Bodies {
  private static final Pattern CHANNEL_NAME = Pattern.compile(RwtWire.CHANNEL_NAME_PATTERN);

  private Bodies() {}

  /** An 8-byte big-endian body: ACK (highest seq received) or PING (unix-ms). */
  public static byte[] u64(long value) {
    return ByteBuffer.allocate(RwtWire.U64_BODY_LENGTH).putLong(value).array();
  }

  /**
   * An ERROR body {@code {"code", "message", "ref"?, "retryAfterMs"?}}.
   *
   * @param ref the seq of the frame concerned, or null
   * @param retryAfterMs for RATE_LIMITED, or null
   */
  public static byte[] error(ErrorCode code, String message, Long ref, Long retryAfterMs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code.wireName());
    m.put("message", message);
    if (ref != null) {
      m.put("ref", ref);
    }
    if (retryAfterMs != null) {
      m.put("retryAfterMs", retryAfterMs);
    }
    return Json.write(m);
  }

  /** Whether {@code name} matches {@code ^[A-Za-z0-9._:-]{1,100}$}. */
  public static boolean isValidChannelName(String name) {
    return name != null && CHANNEL_NAME.matcher(name).matches();
  }
}
