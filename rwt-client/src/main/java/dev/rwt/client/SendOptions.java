package dev.rwt.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-message choices for {@code send}: encryption, compression, priority while queued, and
 * optional META. Immutable and thread-safe; each {@code with...}-style method returns a copy.
 *
 * <pre>{@code
 * client.send("orders", order, SendOptions.defaults().encrypt(false).priority(Priority.HIGH));
 * }</pre>
 *
 * <p>Defaults: encryption as configured on the client (on unless
 * {@link RwtClientBuilder#encryptPayloads(boolean)} turned it off), compression "auto"
 * (unencrypted payloads of {@link RwtClientBuilder#compressThreshold(int)} bytes or more, 1 KiB
 * by default; encrypted payloads are never compressed unless {@code compress(true)} asks, since
 * compressed size can reveal a secret mixed with attacker-chosen text), {@link Priority#NORMAL},
 * no META.
 */
public final class SendOptions {
  /** Order in which messages queued during a reconnect leave once the connection is back. */
  public enum Priority {
    HIGH,
    NORMAL,
    LOW
  }

  private static final SendOptions DEFAULTS = new SendOptions(null, null, Priority.NORMAL, null);

  private final Boolean encrypt;
  private final Boolean compress;
  private final Priority priority;
  private final Map<String, Object> meta;

  private SendOptions(Boolean encrypt, Boolean compress, Priority priority, Map<String, Object> meta) {
    this.encrypt = encrypt;
    this.compress = compress;
    this.priority = priority;
    this.meta = meta;
  }

  public static SendOptions defaults() {
    return DEFAULTS;
  }

  /** Encrypt with AES-256-GCM (true) or only authenticate (false). */
  public SendOptions encrypt(boolean encrypt) {
    return new SendOptions(encrypt, compress, priority, meta);
  }

  /**
   * Always (true) or never (false) DEFLATE; {@code null} for "auto": unencrypted payloads by size,
   * encrypted ones never. Pass true with encryption only for payloads that never mix a secret
   * with text someone else chose (CRIME/BREACH).
   */
  public SendOptions compress(Boolean compress) {
    return new SendOptions(encrypt, compress, priority, meta);
  }

  public SendOptions priority(Priority priority) {
    return new SendOptions(encrypt, compress, priority == null ? Priority.NORMAL : priority, meta);
  }

  /** A META block for the frame (a JSON object; copied). */
  public SendOptions meta(Map<String, ?> meta) {
    return new SendOptions(encrypt, compress, priority,
        meta == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(meta)));
  }

  /** The explicit choice, or null for the client's default. */
  public Boolean encrypt() {
    return encrypt;
  }

  /** The explicit choice, or null for "auto". */
  public Boolean compress() {
    return compress;
  }

  public Priority priority() {
    return priority;
  }

  /** The META object, or null. */
  public Map<String, Object> meta() {
    return meta;
  }

  @Override
  public String toString() {
    return "SendOptions[encrypt=" + encrypt + ", compress=" + compress + ", priority=" + priority
        + (meta != null ? ", meta" : "") + "]";
  }
}
