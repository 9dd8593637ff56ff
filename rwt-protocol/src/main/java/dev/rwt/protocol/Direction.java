package dev.rwt.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The two directions of a connection. Each has its own key chain (HKDF info string) and
 * its own byte in the AES-GCM nonce. Immutable and thread-safe.
 */
public enum Direction {
  /** Client to server. */
  C2S(RwtWire.DIR_C2S, RwtWire.INFO_C2S),
  /** Server to client. */
  S2C(RwtWire.DIR_S2C, RwtWire.INFO_S2C);

  private final byte nonceByte;
  private final String info;

  Direction(byte nonceByte, String info) {
    this.nonceByte = nonceByte;
    this.info = info;
  }

  /** First byte of the ENC nonce. */
  public byte nonceByte() {
    return nonceByte;
  }

  /** HKDF-Expand info that yields this direction's chain key at epoch 0. */
  byte[] hkdfInfo() {
    return info.getBytes(StandardCharsets.US_ASCII);
  }

  /** The other direction. */
  public Direction reverse() {
    return this == C2S ? S2C : C2S;
  }
}
