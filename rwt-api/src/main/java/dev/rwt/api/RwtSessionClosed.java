package dev.rwt.api;

/**
 * Fired when a session ends for good: closed by either side, or its resume TTL passed.
 *
 * @param session the session that ended
 * @param code the WebSocket close code that ended it (1000 normal, 4xxx for a violation)
 * @param reason the close code's label, e.g. {@code SLOW_CONSUMER}, or {@code EXPIRED}
 */
public record RwtSessionClosed(RwtSession session, int code, String reason) {}
