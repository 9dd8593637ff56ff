package dev.rwt.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The HELLO body (PROTOCOL.md section 4). Member order on the wire is fixed:
 * {@code v, auth, nonce, ecdh, [resume], [client]}.
 *
 * <p>Immutable (arrays are copied) and thread-safe. {@code toString} never shows the
 * application token.
 *
 * @param auth the application token, for the server's authenticator
 * @param nonce 32 random bytes
 * @param ecdh the client's 65-byte P-256 point
 * @param resume present when the client resumes a session, else null
 * @param client a free-form client name/version, or null
 */
public record Hello(String auth, byte[] nonce, byte[] ecdh, ResumeRequest resume, String client) {

  /** HELLO.resume: which session, the highest server seq the client holds, and the proof. */
  public record ResumeRequest(String session, long lastSeq, byte[] proof) {
    public ResumeRequest {
      Objects.requireNonNull(session, "session");
      proof = proof.clone();
    }

    @Override
    public byte[] proof() {
      return proof.clone();
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("session", session);
      m.put("lastSeq", lastSeq);
      m.put("proof", Base64Url.encode(proof));
      return m;
    }

    static ResumeRequest parse(Map<String, Object> m) throws RwtProtocolException {
      return new ResumeRequest(JsonFields.string(m, "session"), JsonFields.unsigned(m, "lastSeq"),
          JsonFields.bytes(m, "proof", RwtWire.KEY_LENGTH));
    }

    @Override
    public String toString() {
      return "ResumeRequest[session=" + session + ", lastSeq=" + lastSeq + "]";
    }
  }

  public Hello {
    Objects.requireNonNull(auth, "auth");
    nonce = nonce.clone();
    ecdh = ecdh.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] ecdh() {
    return ecdh.clone();
  }

  /** The JSON members in wire order. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", RwtWire.VERSION);
    m.put("auth", auth);
    m.put("nonce", Base64Url.encode(nonce));
    m.put("ecdh", Base64Url.encode(ecdh));
    if (resume != null) {
      m.put("resume", resume.toJson());
    }
    if (client != null) {
      m.put("client", client);
    }
    return m;
  }

  /**
   * Reads and validates a HELLO body: {@code v == 1}, {@code auth} a string, a 32-byte
   * nonce, a valid P-256 point, a well-formed optional {@code resume} and {@code client}.
   * Unknown members are ignored.
   *
   * @throws RwtProtocolException PROTOCOL for anything missing or ill-typed
   */
  public static Hello parse(byte[] body) throws RwtProtocolException {
    Map<String, Object> m = JsonFields.object(Json.parse(body), "HELLO");
    if (!Long.valueOf(RwtWire.VERSION).equals(m.get("v"))) {
      throw RwtProtocolException.protocol("HELLO.v must be " + RwtWire.VERSION);
    }
    String auth = JsonFields.string(m, "auth");
    byte[] nonce = JsonFields.bytes(m, "nonce", RwtWire.NONCE_LENGTH);
    byte[] ecdh = JsonFields.bytes(m, "ecdh", RwtWire.EC_POINT_LENGTH);
    P256.decodePoint(ecdh);
    ResumeRequest resume = m.containsKey("resume") ? ResumeRequest.parse(JsonFields.object(m, "resume")) : null;
    return new Hello(auth, nonce, ecdh, resume, JsonFields.optionalString(m, "client"));
  }

  @Override
  public String toString() {
    return "Hello[auth=(hidden), resume=" + resume + ", client=" + client + "]";
  }
}
