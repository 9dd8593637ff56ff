package dev.rwt.client;

import dev.rwt.protocol.ResumeTicket;
import dev.rwt.protocol.SecretBytes;
import dev.rwt.protocol.Welcome;

/**
 * What the client keeps about its server session between connections: the id, the current
 * resume key (it changes on every handshake), the resume TTL and when the last connection
 * dropped. Guarded by the client's session lock; {@code toString} hides the key.
 */
final class SessionInfo {
  final String id;
  final Welcome welcome;
  final String fingerprint;
  private SecretBytes resumeKey;
  Long authExp;
  long droppedAtMs = -1;

  SessionInfo(Welcome welcome, SecretBytes resumeKey, String fingerprint) {
    this.id = welcome.session();
    this.welcome = welcome;
    this.resumeKey = resumeKey;
    this.authExp = welcome.authExp();
    this.fingerprint = fingerprint;
  }

  /** Whether a reconnect at {@code now} may ask to resume. */
  boolean resumable(long now) {
    return resumeKey != null && droppedAtMs >= 0 && now - droppedAtMs < welcome.resumeTtlMs();
  }

  ResumeTicket ticket(long lastReceivedSeq) {
    return new ResumeTicket(id, resumeKey, lastReceivedSeq);
  }

  /** The server refused the resume proof: only a fresh session is possible now. */
  void forgetResumeKey() {
    destroy();
  }

  void destroy() {
    if (resumeKey != null) {
      resumeKey.destroy();
      resumeKey = null;
    }
  }

  @Override
  public String toString() {
    return "SessionInfo[" + id + "]";
  }
}
