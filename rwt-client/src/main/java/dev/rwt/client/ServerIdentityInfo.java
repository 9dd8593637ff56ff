package dev.rwt.client;

/**
 * What the verification callback is shown about the server after its WELCOME checked out.
 *
 * @param sessionId the session the server assigned
 * @param fingerprint hex SHA-256 of the server's identity key, or null when WELCOME was unsigned
 * @param identity the 65-byte identity key, or null
 * @param signed whether WELCOME carried a valid signature
 * @param resumed whether the session was resumed
 */
public record ServerIdentityInfo(String sessionId, String fingerprint, byte[] identity, boolean signed,
    boolean resumed) {
  public ServerIdentityInfo {
    identity = identity == null ? null : identity.clone();
  }

  @Override
  public byte[] identity() {
    return identity == null ? null : identity.clone();
  }
}
