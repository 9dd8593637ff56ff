package dev.rwt.api;

/** Fired when a client resumes a session on a new connection, with nothing lost. */
public record RwtSessionResumed(RwtSession session) {}
