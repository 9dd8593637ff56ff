package dev.rwt.impl.ops;

import dev.rwt.protocol.CloseCode;
import java.util.logging.Logger;

/**
 * One log line per connection the server closed for a violation, in {@code key=value} form,
 * and never more than {@code rwt.log.rejections-per-minute} of them in a minute: past that,
 * rejections are only counted, and one summary line says how many went unlogged. A flood of
 * bad clients therefore costs at most that many lines (plus one) a minute of disk.
 *
 * <pre>
 * RWT-REJECTED code=4001 label=UNAUTHENTICATED connection=17 principal="-" reason="token expired"
 * RWT-REJECTED-SUPPRESSED count=5120 window-ms=60000
 * </pre>
 *
 * <p>Values in quotes come from the peer or its token: anything outside printable ASCII, and
 * quotes and backslashes, is replaced by {@code ?}, and they are cut at {@link #MAX_VALUE}
 * characters, so that a client cannot forge or stretch lines. Thread-safe.
 */
final class RejectionLog {

  static final long WINDOW_MS = 60_000;
  static final int MAX_VALUE = 120;
  static final String LINE = "RWT-REJECTED";
  static final String SUMMARY = "RWT-REJECTED-SUPPRESSED";

  private final Logger log;
  private final int perMinute;
  private long windowStartMs; // guarded by this
  private int written; // guarded by this
  private long suppressed; // guarded by this

  RejectionLog(Logger log, int perMinute, long nowMs) {
    this.log = log;
    this.perMinute = perMinute;
    this.windowStartMs = nowMs;
  }

  /** Logs (or counts) one rejected connection. {@code connection} and {@code principal} may be null. */
  synchronized void rejected(long nowMs, CloseCode code, String reason, String connection, String principal) {
    roll(nowMs);
    if (written < perMinute) {
      written++;
      log.info(line(code, reason, connection, principal));
    } else {
      suppressed++;
    }
  }

  /** Writes the summary of a minute that has ended; called by a timer so that it is not held back. */
  synchronized void flush(long nowMs) {
    roll(nowMs);
  }

  private void roll(long nowMs) {
    if (nowMs - windowStartMs < WINDOW_MS) {
      return;
    }
    if (suppressed > 0) {
      log.warning(SUMMARY + " count=" + suppressed + " window-ms=" + (nowMs - windowStartMs));
    }
    windowStartMs = nowMs;
    written = 0;
    suppressed = 0;
  }

  static String line(CloseCode code, String reason, String connection, String principal) {
    return LINE + " code=" + code.code() + " label=" + code.label()
        + " connection=" + clean(connection)
        + " principal=\"" + clean(principal) + "\""
        + " reason=\"" + clean(reason) + "\"";
  }

  static String clean(String value) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE));
    for (int i = 0; i < value.length() && out.length() < MAX_VALUE; i++) {
      char c = value.charAt(i);
      out.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '?' : c);
    }
    return out.toString();
  }
}
