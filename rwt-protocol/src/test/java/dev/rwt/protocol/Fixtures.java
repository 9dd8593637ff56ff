package dev.rwt.protocol;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Sessions and keys built from the vectors' handshake, at chosen epochs and seqs. */
final class Fixtures {
  static final long T0 = 1_700_000_000_000L;

  private Fixtures() {}

  private static SessionKeys cached;

  /** The vectors' session keys (computed once; sessions copy what they need). */
  static synchronized SessionKeys handshakeKeys() throws RwtProtocolException {
    if (cached == null) {
      cached = deriveHandshakeKeys();
    }
    return cached;
  }

  private static SessionKeys deriveHandshakeKeys() throws RwtProtocolException {
    Map<String, Object> h = Vectors.section("handshake");
    EcdhKeyPair client = EcdhKeyPair.fromPrivateScalar(Vectors.hex(h, "clientPrivate"));
    SecretBytes z = client.agree(Vectors.hex(h, "serverEcdh"));
    return KeySchedule.derive(z, Vectors.str(h, "rotationKey"), null, Vectors.hex(h, "clientNonce"),
        Vectors.hex(h, "serverNonce"));
  }

  static Welcome vectorWelcome() throws RwtProtocolException {
    Map<String, Object> w = Vectors.section("welcome");
    return Welcome.parse(Vectors.str(w, "json").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static RotationSchedule goldenSchedule() {
    return new RotationSchedule(TokenRotator.golden(), 60_000, T0);
  }

  /** The first instant of {@code epoch} on {@code schedule}. */
  static long startOf(RotationSchedule schedule, long epoch) {
    long t = schedule.startMs();
    for (long e = 0; e < epoch; e++) {
      t += schedule.duration(e);
    }
    return t;
  }

  /**
   * A session of the vectors' handshake that sends {@code sendDirection} and receives the
   * other, with its clock in {@code epoch} and {@code lastReceived} as the last peer seq.
   */
  static SecureSession session(Direction sendDirection, long epoch, long lastReceived, AtomicLong clock)
      throws RwtProtocolException {
    RotationSchedule schedule = goldenSchedule();
    clock.set(startOf(schedule, epoch) + 1);
    return new SecureSession(sendDirection, vectorWelcome(), schedule, clock::get, 0, handshakeKeys(), lastReceived,
        0);
  }

  /** The keys of {@code direction} at {@code epoch}, from the vectors' chain_0. */
  static EpochKeys epochKeys(Direction direction, long epoch) throws RwtProtocolException {
    return new KeyRatchet(handshakeKeys().chain0(direction)).keys(epoch);
  }
}
