package dev.rwt.client;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of the client ({@link RwtClient#getStatus()}). Immutable.
 *
 * @param state lifecycle state
 * @param sessionId the server's session id, or null
 * @param latencyMs round trip of the last PING/PONG, or -1 before the first
 * @param uptime time since the current connection opened (zero when not open)
 * @param epoch current rotation epoch of the connection
 * @param tokenRotations epochs the token moved forward through, over the client's life
 * @param compressionRatio compressed bytes over original bytes for what this client deflated (1.0 when nothing)
 * @param reconnects successful reconnects
 * @param reconnectAttempt current reconnect attempt (0 when not reconnecting)
 * @param resumed whether the current connection resumed the previous session
 * @param continuityLost whether a reconnect could not resume (frames may have been lost)
 * @param subscriptions channels with an active subscription
 * @param pendingCalls RPC calls awaiting a RESULT
 * @param unackedFrames reliable frames sent and not yet acknowledged by the server
 * @param queuedSends sends waiting for the connection to come back
 * @param lastReceivedSeq highest server seq received
 * @param messagesSent MESSAGE frames sent
 * @param messagesReceived MESSAGE frames delivered
 * @param duplicatesDropped frames dropped because their seq was already seen
 * @param authExp unix-ms when the application token expires, or null
 * @param serverFingerprint hex SHA-256 of the server identity key, or null when unsigned
 * @param lastError the error that closed the client, or null
 */
public record ClientStatus(ConnectionState state, String sessionId, long latencyMs, Duration uptime, long epoch,
    long tokenRotations, double compressionRatio, long reconnects, int reconnectAttempt, boolean resumed,
    boolean continuityLost, List<String> subscriptions, int pendingCalls, int unackedFrames, int queuedSends,
    long lastReceivedSeq, long messagesSent, long messagesReceived, long duplicatesDropped, Long authExp,
    String serverFingerprint, RwtException lastError) {

  /** {@code state() == OPEN}. */
  public boolean connected() {
    return state == ConnectionState.OPEN;
  }
}
