package dev.rwt.bench;

import dev.rwt.protocol.SealOptions;

/** How a frame is protected: the two ways RWT seals (PROTOCOL.md section 5). */
public enum Protection {
  /** Authenticated only: a truncated HMAC-SHA256 token. */
  MAC(SealOptions.binary()),
  /** Encrypted and authenticated: AES-256-GCM, the tag is the token. */
  ENC(SealOptions.binary().encrypted());

  private final SealOptions options;

  Protection(SealOptions options) {
    this.options = options;
  }

  /** Opaque binary payload, no META, no DEFLATE: sealing only, nothing else measured. */
  SealOptions options() {
    return options;
  }
}
