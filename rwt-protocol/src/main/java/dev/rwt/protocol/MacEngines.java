package dev.rwt.protocol;

import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 engines keyed with one epoch's {@code mac_e}, kept with that key and erased
 * with it, as {@link GcmEngines} are for {@code enc_e}.
 *
 * <p>Why per key: keying an HMAC engine hashes the two padded key blocks, which for a frame of
 * a few dozen bytes is as much work as authenticating the frame itself; an engine kept keyed
 * is back in its keyed state after each {@code doFinal}, so a frame costs only its own bytes.
 *
 * <p>What the engines hold: the key of this epoch (the JDK keeps its padded copies) exactly as
 * long as {@link EpochKeys} holds it. {@link #destroy()} re-keys every idle engine with a public
 * all-zero key and drops it; an engine in use at that moment is treated the same way when it
 * comes back.
 *
 * <p>Thread-safe: an engine serves one thread at a time; the idle ones are guarded by
 * {@code this}.
 */
final class MacEngines {
  /** More idle engines than threads that seal under one key at once would only hold memory. */
  private static final int MAX_IDLE = 4;
  private static final SecretKeySpec ERASED_KEY = new SecretKeySpec(new byte[RwtWire.KEY_LENGTH], Hkdf.HMAC);

  private final SecretBytes key;
  private final ArrayDeque<Mac> idle = new ArrayDeque<>(); // guarded by this
  private boolean destroyed; // guarded by this

  MacEngines(SecretBytes key) {
    this.key = key;
  }

  /**
   * HMAC-SHA256(key, parts[0] || parts[1] || ...).
   *
   * @throws IllegalStateException when the key was erased
   */
  byte[] hmac(byte[]... parts) {
    Mac mac = take();
    try {
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } finally {
      release(mac);
    }
  }

  /** Erases and drops every engine; the ones in use are erased when they come back. */
  void destroy() {
    List<Mac> engines;
    synchronized (this) {
      destroyed = true;
      engines = new ArrayList<>(idle);
      idle.clear();
    }
    engines.forEach(MacEngines::erase);
  }

  /** The idle engines (a copy of the list), for tests of what they hold. */
  synchronized List<Mac> idleEngines() {
    return new ArrayList<>(idle);
  }

  private Mac take() {
    synchronized (this) {
      if (destroyed) {
        throw new IllegalStateException("the epoch's MAC key was erased");
      }
      Mac mac = idle.poll();
      if (mac != null) {
        return mac;
      }
    }
    try {
      Mac mac = Mac.getInstance(Hkdf.HMAC);
      mac.init(new SecretKeySpec(key.ref(), Hkdf.HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private void release(Mac mac) {
    synchronized (this) {
      if (!destroyed && idle.size() < MAX_IDLE) {
        idle.push(mac);
        return;
      }
    }
    erase(mac);
  }

  private static void erase(Mac mac) {
    try {
      mac.init(ERASED_KEY);
    } catch (GeneralSecurityException | RuntimeException e) {
      // dropped all the same, as every engine was when none were kept
    }
  }
}
