package dev.rwt.api;

/**
 * Fired when a client renewed its application token on a live connection (REFRESH). The
 * session's {@link RwtSession#identity()} is already the new one.
 */
public record RwtSessionRefreshed(RwtSession session) {}
