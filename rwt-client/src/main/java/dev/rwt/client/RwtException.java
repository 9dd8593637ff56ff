package dev.rwt.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Base of every failure the client reports: futures complete exceptionally with it and the
 * {@code error} event carries it. Unchecked, so it travels through {@code CompletableFuture}
 * chains unchanged (unwrap {@link java.util.concurrent.CompletionException} to get it).
 *
 * <p>Fields: a stable {@link #code()} string (an RWT close or error code such as
 * {@code UNAUTHENTICATED}, {@code RATE_LIMITED}, or a client code such as
 * {@code NOT_CONNECTED}), the {@link #operation()} that failed ({@code connect}, {@code send},
 * {@code call}, {@code subscribe}, ...), {@link #details()}, the WebSocket close code when one
 * came with it, and {@link #retryAfterMs()} when the server asked to wait.
 *
 * <p>The concrete class tells the family: {@link RwtConnectionException},
 * {@link RwtAuthenticationException}, {@link RwtSendException}, {@link RwtTimeoutException},
 * {@link RwtEncryptionException}, {@link RwtDisconnectedException},
 * {@link RwtEncodingException}; this base class itself is used for server ERROR codes that
 * name no family (for example {@code NO_SUCH_METHOD} from an RPC). Immutable.
 */
public class RwtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final Set<String> RETRYABLE = Set.of("RATE_LIMITED", "TOO_MANY_CALLS", "INTERNAL", "TIMEOUT",
      "GOING_AWAY", "HEARTBEAT", "CONNECTION_LOST", "NOT_CONNECTED", "CONNECT_FAILED", "CONTINUITY_LOST",
      "SLOW_CONSUMER", "BUFFER_FULL", "RECONNECT_FAILED");

  private final String code;
  private final String operation;
  private final transient Map<String, Object> details;
  private final Integer closeCode;
  private final Long retryAfterMs;

  public RwtException(String message, String code, String operation) {
    this(message, code, operation, null, null, null, null);
  }

  public RwtException(String message, String code, String operation, Map<String, ?> details, Integer closeCode,
      Long retryAfterMs, Throwable cause) {
    super(message, cause);
    this.code = code == null ? "RWT_ERROR" : code;
    this.operation = operation;
    this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    this.closeCode = closeCode;
    this.retryAfterMs = retryAfterMs;
  }

  /** The stable code string, e.g. {@code "UNAUTHENTICATED"} or {@code "TIMEOUT"}. */
  public String code() {
    return code;
  }

  /** What was being done: {@code connect}, {@code send}, {@code call}, {@code subscribe}, ... (may be null). */
  public String operation() {
    return operation;
  }

  /** Extra facts (method name, channel, ref seq, close reason, ...); never secrets. */
  public Map<String, Object> details() {
    return details;
  }

  /** The WebSocket close code that came with the failure, or null. */
  public Integer closeCode() {
    return closeCode;
  }

  /** How long the server asked to wait before trying again, or null. */
  public Long retryAfterMs() {
    return retryAfterMs;
  }

  /** Whether trying the same operation again later can succeed. */
  public boolean canRetry() {
    return retryAfterMs != null || RETRYABLE.contains(code);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code + (operation != null ? ", " + operation : "")
        + (closeCode != null ? ", close " + closeCode : "") + "]: " + getMessage();
  }
}
