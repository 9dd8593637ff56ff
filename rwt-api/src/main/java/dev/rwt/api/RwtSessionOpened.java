package dev.rwt.api;

/** Fired when a new session starts (not on resume). Observe with {@code @Observes}. */
public record RwtSessionOpened(RwtSession session) {}
