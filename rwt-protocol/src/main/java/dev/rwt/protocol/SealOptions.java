package dev.rwt.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to turn a payload into a frame body: JSON or opaque, with or without META, DEFLATE
 * and ENC. Immutable and thread-safe; each {@code with...} method returns a new value.
 *
 * <pre>{@code
 * SealOptions.json().withMeta(Map.of("from", "alice")).deflated().encrypted()
 * }</pre>
 */
public final class SealOptions {
  private static final SealOptions BINARY = new SealOptions(false, null, false, false);
  private static final SealOptions JSON = new SealOptions(true, null, false, false);

  private final boolean json;
  private final Map<String, Object> meta;
  private final boolean deflate;
  private final boolean encrypt;

  private SealOptions(boolean json, Map<String, Object> meta, boolean deflate, boolean encrypt) {
    this.json = json;
    this.meta = meta;
    this.deflate = deflate;
    this.encrypt = encrypt;
  }

  /** An opaque binary payload, no META, not compressed, MAC only. */
  public static SealOptions binary() {
    return BINARY;
  }

  /** A UTF-8 JSON payload (JSON flag), no META, not compressed, MAC only. */
  public static SealOptions json() {
    return JSON;
  }

  /** The options a flags byte stands for, with {@code meta} when the META bit is set. */
  public static SealOptions ofFlags(int flags, Map<String, ?> meta) {
    SealOptions o = (flags & RwtWire.FLAG_JSON) != 0 ? JSON : BINARY;
    if ((flags & RwtWire.FLAG_META) != 0) {
      o = o.withMeta(meta);
    }
    if ((flags & RwtWire.FLAG_DEFLATE) != 0) {
      o = o.deflated();
    }
    return (flags & RwtWire.FLAG_ENC) != 0 ? o.encrypted() : o;
  }

  /** Adds a META block; {@code meta} is copied, in its iteration order. */
  public SealOptions withMeta(Map<String, ?> meta) {
    if (meta == null) {
      throw new IllegalArgumentException("META needs a metadata object");
    }
    return new SealOptions(json, Collections.unmodifiableMap(new LinkedHashMap<>(meta)), deflate, encrypt);
  }

  /** Compress with raw DEFLATE (skipped when it would not make the body smaller). */
  public SealOptions deflated() {
    return new SealOptions(json, meta, true, encrypt);
  }

  /** Encrypt with AES-256-GCM instead of only authenticating. */
  public SealOptions encrypted() {
    return new SealOptions(json, meta, deflate, true);
  }

  public boolean isJson() {
    return json;
  }

  /** The metadata, or null without META. */
  public Map<String, Object> meta() {
    return meta;
  }

  public boolean isDeflate() {
    return deflate;
  }

  public boolean isEncrypt() {
    return encrypt;
  }

  /** The flags byte these options request. */
  public int flags() {
    return (encrypt ? RwtWire.FLAG_ENC : 0) | (deflate ? RwtWire.FLAG_DEFLATE : 0)
        | (json ? RwtWire.FLAG_JSON : 0) | (meta != null ? RwtWire.FLAG_META : 0);
  }

  @Override
  public String toString() {
    return "SealOptions[flags=0x" + Integer.toHexString(flags()) + "]";
  }
}
