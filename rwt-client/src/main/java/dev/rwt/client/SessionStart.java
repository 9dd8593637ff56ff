package dev.rwt.client;

import dev.rwt.protocol.IdentityPin;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.SecureSession;
import dev.rwt.protocol.Welcome;
import java.util.HexFormat;

/**
 * What happens at WELCOME: verify it (rwt-protocol's handshake, the pin, the verification
 * callback), warn about weakened security, then either continue the session (resumed: resend
 * kept frames above WELCOME.lastSeq, sealed again with their original seqs) or start a fresh
 * one (continuity lost when a session existed), and hand the connection to {@link ClientCore}.
 */
final class SessionStart {
  private static final long MAX_CLOCK_SKEW_MS = 5000;
  private static final long LONG_ROTATION_MS = 3_600_000;

  private final ClientCore core;
  private String knownFingerprint; // guarded by core.lock
  private boolean everSigned; // guarded by core.lock

  SessionStart(ClientCore core) {
    this.core = core;
  }

  /** Runs on the socket's thread for the connection's first message. */
  void onWelcome(Connection c, byte[] message) {
    SecureSession s;
    try {
      s = c.handshake.receiveWelcome(message);
    } catch (RwtProtocolException e) {
      c.failHandshake(Failures.badWelcome(e, core.config.pin() != null), e.code());
      return;
    } catch (IllegalStateException e) {
      return; // a second message before the handshake finished: the socket is being dropped
    }
    Welcome w = s.welcome();
    byte[] identity = w.identity();
    String fingerprint = identity == null ? null : HexFormat.of().formatHex(IdentityPin.fingerprint(identity));
    if (!verified(w, identity, fingerprint)) {
      s.destroy();
      c.failHandshake(new RwtEncryptionException("server identity rejected by the verification callback",
          "IDENTITY_REJECTED", "handshake"), 1000);
      return;
    }
    synchronized (core.lock) {
      if (c.handshakeDone.isDone() || c != core.connecting) {
        s.destroy();
        c.closeSocket(0, "");
        return;
      }
      if (core.state != ConnectionState.CONNECTING && core.state != ConnectionState.RECONNECTING) {
        s.destroy();
        c.failHandshake(Failures.disconnected("connect"), 1000);
        return;
      }
      c.session(s);
      c.lastHeardMs = core.now();
      c.batchLimit(w.maxFrameBytes());
      warn(w, s, fingerprint);
      continueOrRestart(c, s, w, fingerprint);
      core.opened(c, w.resumed());
    }
    c.handshakeDone.complete(null);
  }

  private boolean verified(Welcome w, byte[] identity, String fingerprint) {
    var callback = core.config.verificationCallback();
    if (callback == null) {
      return true;
    }
    try {
      return callback.test(new ServerIdentityInfo(w.session(), fingerprint, identity, w.sig() != null, w.resumed()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void warn(Welcome w, SecureSession s, String fingerprint) {
    if (fingerprint != null && knownFingerprint != null && !fingerprint.equals(knownFingerprint)
        && core.config.pin() == null) {
      warning("IDENTITY_CHANGED", "the server identity changed since the last connection");
    }
    if (fingerprint == null && everSigned) {
      warning("SIGNATURE_DROPPED", "the server signed its handshake before and does not now");
    }
    if (fingerprint != null) {
      knownFingerprint = fingerprint;
      everSigned = true;
    }
    if (Math.abs(s.clockOffsetMs()) > MAX_CLOCK_SKEW_MS) {
      warning("CLOCK_SKEW", "the server clock is " + s.clockOffsetMs() + " ms off the local clock");
    }
    if (w.intervalMs() > LONG_ROTATION_MS) {
      warning("LONG_ROTATION", "the server rotates tokens only every " + w.intervalMs() + " ms");
    }
  }

  private void warning(String code, String message) {
    core.events.emit(RwtEvents.SECURITY_WARNING, new RwtEvents.SecurityWarning(code, message));
  }

  private void continueOrRestart(Connection c, SecureSession s, Welcome w, String fingerprint) {
    SessionInfo previous = core.session;
    RwtEvents.ContinuityLost lost = null;
    if (w.resumed()) {
      for (DeliveryState.Kept k : core.delivery.keptAbove(w.lastSeq())) {
        c.transmit(Outbox.frame(s, k.type(), k.channel(), k.seq(), k.plaintext()));
      }
      s.continueNumberingAfter(core.delivery.highestSent());
    } else {
      int dropped = core.delivery.reset();
      core.channels.clearIds();
      core.outbox.forgetRefs();
      if (previous != null) {
        core.stats.continuityLost = true;
        core.calls.failAll(new RwtConnectionException("session continuity lost; the call may or may not have run",
            "CONTINUITY_LOST", "call"));
        lost = new RwtEvents.ContinuityLost(c.resumeRequested, dropped, previous.id, w.session());
      }
    }
    if (previous != null) {
      previous.destroy();
    }
    core.session = new SessionInfo(w, s.resumeKey(), fingerprint);
    SessionInfo now = core.session;
    if (core.acks != null) {
      core.acks.stop();
    }
    core.acks = new AckScheduler(seq -> core.outbox.sendAck(c, seq), core.timers, () -> {
      synchronized (core.lock) {
        if (core.connection == c && core.acks != null) {
          core.acks.flush();
        }
      }
    });
    core.stats.epoch = s.schedule().epochAt(s.now());
    core.events.emit(RwtEvents.KEY_ROTATE,
        new RwtEvents.KeyRotation(w.resumed() ? "resume" : "handshake", now.id, core.stats.epoch));
    if (lost != null) {
      core.events.emit(RwtEvents.CONTINUITY_LOST, lost);
    }
  }
}
