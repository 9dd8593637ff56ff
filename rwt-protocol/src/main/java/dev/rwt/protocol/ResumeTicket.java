package dev.rwt.protocol;

import java.util.Objects;

/**
 * What a client keeps to resume a session after a drop: the session id, the session's
 * resume key, and the highest server seq it received (HELLO.resume.lastSeq).
 *
 * <p>Immutable and thread-safe; {@code toString} hides the key.
 */
public record ResumeTicket(String sessionId, SecretBytes resumeKey, long lastSeq) {
  public ResumeTicket {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(resumeKey, "resumeKey");
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must be non-negative");
    }
  }

  /** The same ticket with a newer lastSeq. */
  public ResumeTicket withLastSeq(long seq) {
    return new ResumeTicket(sessionId, resumeKey, seq);
  }

  @Override
  public String toString() {
    return "ResumeTicket[session=" + sessionId + ", lastSeq=" + lastSeq + "]";
  }
}
