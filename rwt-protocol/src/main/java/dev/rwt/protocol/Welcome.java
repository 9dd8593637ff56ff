package dev.rwt.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The WELCOME body (PROTOCOL.md section 4): what the server decided for this connection.
 * Member order on the wire is fixed: {@code v, session, nonce, ecdh, time,
 * rotation{pattern, intervalMs, start}, heartbeatMs, maxFrameBytes, resumeTtlMs, resumed,
 * lastSeq, authExp, [identity, sig]}.
 *
 * <p>Immutable (arrays are copied) and thread-safe.
 *
 * @param time the server's unix-ms when it sent WELCOME (clients derive their clock offset)
 * @param lastSeq the highest client seq the server holds
 * @param authExp unix-ms when the application token expires, or null
 * @param identity the server's 65-byte identity key, or null (always together with sig)
 * @param sig the 64-byte P1363 signature of the transcript, or null
 */
public record Welcome(String session, byte[] nonce, byte[] ecdh, long time, String pattern, long intervalMs,
    long start, int heartbeatMs, int maxFrameBytes, long resumeTtlMs, boolean resumed, long lastSeq, Long authExp,
    byte[] identity, byte[] sig) {

  public Welcome {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(pattern, "pattern");
    nonce = nonce.clone();
    ecdh = ecdh.clone();
    identity = identity == null ? null : identity.clone();
    sig = sig == null ? null : sig.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] ecdh() {
    return ecdh.clone();
  }

  @Override
  public byte[] identity() {
    return identity == null ? null : identity.clone();
  }

  @Override
  public byte[] sig() {
    return sig == null ? null : sig.clone();
  }

  /** The JSON members in wire order. */
  public Map<String, Object> toJson() {
    Map<String, Object> rotation = new LinkedHashMap<>();
    rotation.put("pattern", pattern);
    rotation.put("intervalMs", intervalMs);
    rotation.put("start", start);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", RwtWire.VERSION);
    m.put("session", session);
    m.put("nonce", Base64Url.encode(nonce));
    m.put("ecdh", Base64Url.encode(ecdh));
    m.put("time", time);
    m.put("rotation", rotation);
    m.put("heartbeatMs", heartbeatMs);
    m.put("maxFrameBytes", maxFrameBytes);
    m.put("resumeTtlMs", resumeTtlMs);
    m.put("resumed", resumed);
    m.put("lastSeq", lastSeq);
    m.put("authExp", authExp);
    if (identity != null) {
      m.put("identity", Base64Url.encode(identity));
      m.put("sig", Base64Url.encode(sig));
    }
    return m;
  }

  /**
   * Reads and validates a WELCOME body. {@code identity} and {@code sig} must come together.
   * Unknown members are ignored.
   *
   * @throws RwtProtocolException PROTOCOL for anything missing or ill-typed
   */
  public static Welcome parse(byte[] body) throws RwtProtocolException {
    Map<String, Object> m = JsonFields.object(Json.parse(body), "WELCOME");
    if (!Long.valueOf(RwtWire.VERSION).equals(m.get("v"))) {
      throw RwtProtocolException.protocol("WELCOME.v must be " + RwtWire.VERSION);
    }
    Map<String, Object> rotation = JsonFields.object(m, "rotation");
    byte[] ecdh = JsonFields.bytes(m, "ecdh", RwtWire.EC_POINT_LENGTH);
    P256.decodePoint(ecdh);
    byte[] identity = JsonFields.optionalBytes(m, "identity", RwtWire.EC_POINT_LENGTH);
    byte[] sig = JsonFields.optionalBytes(m, "sig", RwtWire.SIGNATURE_LENGTH);
    if ((identity == null) != (sig == null)) {
      throw RwtProtocolException.protocol("WELCOME.identity and WELCOME.sig come together");
    }
    return new Welcome(
        JsonFields.string(m, "session"),
        JsonFields.bytes(m, "nonce", RwtWire.NONCE_LENGTH),
        ecdh,
        JsonFields.unsigned(m, "time"),
        JsonFields.string(rotation, "pattern"),
        JsonFields.positiveInt(rotation, "intervalMs"),
        JsonFields.unsigned(rotation, "start"),
        JsonFields.positiveInt(m, "heartbeatMs"),
        JsonFields.positiveInt(m, "maxFrameBytes"),
        JsonFields.unsigned(m, "resumeTtlMs"),
        JsonFields.bool(m, "resumed"),
        JsonFields.unsigned(m, "lastSeq"),
        JsonFields.nullableUnsigned(m, "authExp"),
        identity,
        sig);
  }

  @Override
  public String toString() {
    return "Welcome[session=" + session + ", resumed=" + resumed + ", lastSeq=" + lastSeq + ", pattern=" + pattern
        + ", intervalMs=" + intervalMs + ", maxFrameBytes=" + maxFrameBytes + ", signed=" + (sig != null) + "]";
  }
}
