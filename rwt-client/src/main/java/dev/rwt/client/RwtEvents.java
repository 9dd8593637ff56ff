package dev.rwt.client;

/**
 * The events of {@link RwtClient}, with the browser client's names, and their payloads.
 * Listeners run on the client's callback thread, one at a time, in the order the events
 * happened (see {@link RwtClient} on threads).
 *
 * <table>
 * <caption>events</caption>
 * <tr><th>event</th><th>payload</th><th>when</th></tr>
 * <tr><td>{@code connect}</td><td>{@link ConnectInfo}</td><td>first handshake done</td></tr>
 * <tr><td>{@code reconnect}</td><td>{@link ReconnectInfo}</td><td>a reconnect attempt succeeded or failed</td></tr>
 * <tr><td>{@code disconnect}</td><td>{@link DisconnectInfo}</td><td>a connection ended</td></tr>
 * <tr><td>{@code message}, {@code message:{channel}}</td><td>{@link ReceivedMessage}</td><td>a MESSAGE arrived</td></tr>
 * <tr><td>{@code send}</td><td>{@link SendResult}</td><td>a message left</td></tr>
 * <tr><td>{@code error}</td><td>{@link RwtException}</td><td>server ERROR, failed reconnect, fatal close</td></tr>
 * <tr><td>{@code token-rotate}</td><td>{@link TokenRotation}</td><td>the shared epoch advanced</td></tr>
 * <tr><td>{@code key-rotate}</td><td>{@link KeyRotation}</td><td>fresh keys from a key agreement</td></tr>
 * <tr><td>{@code continuity-lost}</td><td>{@link ContinuityLost}</td><td>a reconnect could not resume</td></tr>
 * <tr><td>{@code auth-refresh}</td><td>{@link AuthRefresh}</td><td>the application token was renewed</td></tr>
 * <tr><td>{@code auth-refresh-failed}</td><td>{@link AuthRefreshFailed}</td><td>the token source failed to renew it</td></tr>
 * <tr><td>{@code subscribed}, {@code unsubscribed}</td><td>{@link SubscriptionChange}</td><td>subscriptions changed</td></tr>
 * <tr><td>{@code security-warning}</td><td>{@link SecurityWarning}</td><td>see {@link SecurityWarning}</td></tr>
 * </table>
 */
public final class RwtEvents {
  public static final EventType<ConnectInfo> CONNECT = new EventType<>("connect", ConnectInfo.class);
  public static final EventType<ReconnectInfo> RECONNECT = new EventType<>("reconnect", ReconnectInfo.class);
  public static final EventType<DisconnectInfo> DISCONNECT = new EventType<>("disconnect", DisconnectInfo.class);
  public static final EventType<ReceivedMessage> MESSAGE = new EventType<>("message", ReceivedMessage.class);
  public static final EventType<SendResult> SEND = new EventType<>("send", SendResult.class);
  public static final EventType<RwtException> ERROR = new EventType<>("error", RwtException.class);
  public static final EventType<TokenRotation> TOKEN_ROTATE = new EventType<>("token-rotate", TokenRotation.class);
  public static final EventType<KeyRotation> KEY_ROTATE = new EventType<>("key-rotate", KeyRotation.class);
  public static final EventType<ContinuityLost> CONTINUITY_LOST =
      new EventType<>("continuity-lost", ContinuityLost.class);
  public static final EventType<AuthRefresh> AUTH_REFRESH = new EventType<>("auth-refresh", AuthRefresh.class);
  public static final EventType<AuthRefreshFailed> AUTH_REFRESH_FAILED =
      new EventType<>("auth-refresh-failed", AuthRefreshFailed.class);
  public static final EventType<SubscriptionChange> SUBSCRIBED =
      new EventType<>("subscribed", SubscriptionChange.class);
  public static final EventType<SubscriptionChange> UNSUBSCRIBED =
      new EventType<>("unsubscribed", SubscriptionChange.class);
  public static final EventType<SecurityWarning> SECURITY_WARNING =
      new EventType<>("security-warning", SecurityWarning.class);

  private RwtEvents() {}

  /** {@code message:{channel}}: messages on one channel. */
  public static EventType<ReceivedMessage> message(String channel) {
    return new EventType<>("message:" + channel, ReceivedMessage.class);
  }

  /**
   * A handshake completed.
   *
   * @param fingerprint hex SHA-256 of the server identity, or null when WELCOME was unsigned
   * @param authExp unix-ms when the token expires, or null
   */
  public record ConnectInfo(String sessionId, boolean resumed, boolean continuityLost, int heartbeatMs,
      int maxFrameBytes, Long authExp, String fingerprint, String rotationPattern, long rotationIntervalMs) {}

  /**
   * A reconnect attempt ended.
   *
   * @param attempt 1-based attempt number
   * @param success whether it connected
   * @param connection the handshake result when it succeeded, else null
   * @param error why it failed, else null
   */
  public record ReconnectInfo(int attempt, boolean success, ConnectInfo connection, RwtException error) {
    /** Whether the session was resumed (nothing lost). */
    public boolean resumed() {
      return connection != null && connection.resumed();
    }
  }

  /**
   * A connection ended.
   *
   * @param willReconnect whether the client is going to reconnect
   * @param intentional whether {@code disconnect()} asked for it
   * @param error the failure, or null
   */
  public record DisconnectInfo(int code, String reason, boolean willReconnect, boolean intentional,
      RwtException error) {}

  /** The epoch moved from {@code previousEpoch} to {@code epoch}: tokens and keys changed. */
  public record TokenRotation(long epoch, long previousEpoch) {}

  /** Fresh session keys; {@code reason} is {@code handshake} or {@code resume}. */
  public record KeyRotation(String reason, String sessionId, long epoch) {}

  /**
   * A reconnect got a fresh session instead of resuming: sent frames the server had not
   * acknowledged ({@code lostFrames}) and messages it had queued may be lost. Subscriptions are
   * made again; reload state from the server.
   */
  public record ContinuityLost(boolean resumeRequested, int lostFrames, String previousSession, String session) {}

  /** The token was renewed with REFRESH; {@code authExp} is the new expiry or null. */
  public record AuthRefresh(Long authExp) {}

  /**
   * Renewing the token failed: the token source threw, failed its stage or returned null. The
   * connection stays open on the old token until {@code authExp}; past it the server closes 4001
   * and the client ends with {@link RwtAuthenticationException}.
   *
   * @param attempt failures in a row for this token (1 for the first)
   * @param error what went wrong (its cause is the token source's exception)
   * @param retryInMs when the source is asked again, or -1 when no retry fits before the expiry
   * @param authExp unix-ms when the current token expires, or null
   */
  public record AuthRefreshFailed(int attempt, RwtAuthenticationException error, long retryInMs, Long authExp) {
    /** Whether the client asks the token source again. */
    public boolean willRetry() {
      return retryInMs >= 0;
    }
  }

  /** A subscription began or ended; {@code reason} for an end the server chose (e.g. FORBIDDEN). */
  public record SubscriptionChange(String channel, int id, String reason) {}

  /**
   * Something weakened security: {@code INSECURE_TRANSPORT} (ws:// to a host that is not
   * loopback), {@code ENCRYPTION_DISABLED}, {@code IDENTITY_CHANGED}, {@code SIGNATURE_DROPPED}
   * (the server signed before and does not now), {@code CLOCK_SKEW} (server clock more than 5 s
   * off), {@code LONG_ROTATION} (rotation interval over an hour), {@code UNKNOWN_CHANNEL}.
   */
  public record SecurityWarning(String code, String message) {}
}
