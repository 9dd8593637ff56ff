package dev.rwt.client;

import dev.rwt.protocol.CloseCode;
import dev.rwt.protocol.RwtProtocolException;
import java.net.http.WebSocketHandshakeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps what went wrong (close codes, protocol exceptions, I/O failures) to client exceptions. */
final class Failures {
  private Failures() {}

  static Map<String, Object> closeDetails(int code, String reason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("reason", reason == null ? "" : reason);
    return m;
  }

  /** A close before or during the handshake. */
  static RwtException handshakeClose(int code, String reason) {
    Map<String, Object> d = closeDetails(code, reason);
    if (code == CloseCode.UNAUTHENTICATED.code()) {
      return new RwtAuthenticationException("the server refused the token", "UNAUTHENTICATED", "connect", d, code,
          null, null);
    }
    if (code == CloseCode.FORBIDDEN.code()) {
      return new RwtAuthenticationException("forbidden", "FORBIDDEN", "connect", d, code, null, null);
    }
    if (code == CloseCode.RESUME_FAILED.code()) {
      return new RwtConnectionException("resume refused", "RESUME_FAILED", "connect", d, code, null, null);
    }
    return new RwtConnectionException("connection closed during the handshake (" + code + ")", "CONNECT_FAILED",
        "connect", d, code, null, null);
  }

  /** A close of an open connection by the server that ends the session. */
  static RwtException sessionClose(int code, String reason) {
    Map<String, Object> d = closeDetails(code, reason);
    if (code == CloseCode.UNAUTHENTICATED.code()) {
      return new RwtAuthenticationException("authentication expired or revoked", "UNAUTHENTICATED", "session", d,
          code, null, null);
    }
    if (code == CloseCode.FORBIDDEN.code()) {
      return new RwtAuthenticationException("the server refused the principal (a token for another principal?)",
          "FORBIDDEN", "session", d, code, null, null);
    }
    if (code == CloseCode.NORMAL.code()) {
      return new RwtConnectionException("the server ended the session", "CLOSED", "session", d, code, null, null);
    }
    CloseCode c = CloseCode.fromCode(code, reason);
    String label = c == null ? "CONNECTION_LOST" : c.label();
    return new RwtConnectionException("the server closed the session (" + code + " " + label + ")", label,
        "session", d, code, null, null);
  }

  /** The upgrade failed. */
  static RwtException connectFailed(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof RwtException e) {
      return e;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    if (cause instanceof WebSocketHandshakeException h) {
      int status = h.getResponse().statusCode();
      d.put("status", status);
      if (status == 401 || status == 403) {
        return new RwtAuthenticationException("upgrade refused with HTTP " + status, "UNAUTHENTICATED", "connect", d,
            null, null, cause);
      }
    }
    return new RwtConnectionException("cannot connect: " + cause, "CONNECT_FAILED", "connect", d, null, null, cause);
  }

  /** The WELCOME did not check out. */
  static RwtException badWelcome(RwtProtocolException e, boolean pinned) {
    String m = String.valueOf(e.getMessage());
    if (e.closeCode() == CloseCode.BAD_TOKEN && (pinned || m.contains("signature"))) {
      String code = m.contains("not signed") ? "IDENTITY_REQUIRED"
          : m.contains("not the pinned") ? "IDENTITY_MISMATCH" : m.contains("signature") ? "BAD_SIGNATURE" : null;
      if (code != null) {
        return new RwtEncryptionException("server identity refused: " + m, code, "handshake", null, e.code(), null, e);
      }
    }
    return new RwtConnectionException("bad WELCOME: " + m, e.closeCode().label(), "handshake", null, e.code(), null, e);
  }

  /** A frame from the server broke the protocol: the connection closes with its code. */
  static RwtException violation(RwtProtocolException e) {
    return new RwtConnectionException("protocol violation: " + e.getMessage(), e.closeCode().label(), "receive", null,
        e.code(), null, e);
  }

  static RwtException disconnected(String operation) {
    return new RwtDisconnectedException("not connected; call connect() first", "NOT_CONNECTED", operation);
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** {@code t} as an RwtException (wrapping anything else). */
  static RwtException wrap(Throwable t, String operation) {
    Throwable c = unwrap(t);
    return c instanceof RwtException e ? e
        : new RwtException("unexpected failure: " + c, "INTERNAL", operation, null, null, null, c);
  }
}
