package dev.rwt.protocol;

/**
 * What the handshake derives (PROTOCOL.md section 4): the pseudo-random key, the epoch-0
 * chain key of each direction, and the resume key that a later HELLO proves knowledge of.
 *
 * <p>Build with {@link KeySchedule#derive}. Thread-safe; {@link #destroy()} erases all
 * four. {@code toString} never shows key bytes.
 */
public final class SessionKeys {
  private final SecretBytes prk;
  private final SecretBytes c2s0;
  private final SecretBytes s2c0;
  private final SecretBytes resume;

  SessionKeys(SecretBytes prk, SecretBytes c2s0, SecretBytes s2c0, SecretBytes resume) {
    this.prk = prk;
    this.c2s0 = c2s0;
    this.s2c0 = s2c0;
    this.resume = resume;
  }

  public SecretBytes prk() {
    return prk;
  }

  /** chain_0 of {@code direction}. */
  public SecretBytes chain0(Direction direction) {
    return direction == Direction.C2S ? c2s0 : s2c0;
  }

  /** The resume key: keep it (server and client) to resume this session later. */
  public SecretBytes resume() {
    return resume;
  }

  public void destroy() {
    prk.destroy();
    c2s0.destroy();
    s2c0.destroy();
    resume.destroy();
  }

  @Override
  public String toString() {
    return "SessionKeys[hidden]";
  }
}
