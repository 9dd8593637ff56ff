package dev.rwt.protocol;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Key material: a byte array that is copied in and out, compared in constant time, never
 * printed, and zeroed by {@link #destroy()} when its key leaves the epoch window.
 *
 * <p>Thread-safe. Lifecycle: live until {@link #destroy()}; afterwards every read throws
 * {@link IllegalStateException}, so a use-after-erase is a loud bug, not a zero key.
 */
public final class SecretBytes {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}; the caller may (and should) wipe its own array. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** Takes ownership of {@code bytes} without copying. */
  static SecretBytes adopt(byte[] bytes) {
    return new SecretBytes(bytes);
  }

  /** A copy of the key bytes. */
  public byte[] bytes() {
    return ref().clone();
  }

  /** The array itself, for crypto calls inside this package; never hand it out. */
  byte[] ref() {
    if (destroyed) {
      throw new IllegalStateException("key material was erased");
    }
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  /** Constant-time comparison with {@code other}. */
  public boolean equalsBytes(byte[] other) {
    return MessageDigest.isEqual(ref(), other);
  }

  /** Zeroes the bytes; idempotent. */
  public synchronized void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  /** Never the bytes. */
  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes" + (destroyed ? ", erased]" : "]");
  }
}
