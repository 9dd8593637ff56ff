package dev.rwt.impl.session;

/** Why a session ended for good: a close code and its label, as in RwtSessionClosed. */
record SessionEnd(int code, String reason) {}
