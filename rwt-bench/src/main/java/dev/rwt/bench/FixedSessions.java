package dev.rwt.bench;

import dev.rwt.protocol.ClientHandshake;
import dev.rwt.protocol.EcdhKeyPair;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.SecureSession;
import dev.rwt.protocol.ServerHandshake;
import dev.rwt.protocol.ServerSettings;
import dev.rwt.protocol.TokenRotator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A client and a server session from a real handshake, in memory, with fixed ephemeral keys,
 * nonces and clock. Every {@link #connect()} therefore derives the same session keys: frames
 * sealed by one pair's client open on any later pair's server, which is what lets the open
 * benchmark start a fresh receiver (seq 0) for every batch of pre-sealed frames.
 *
 * <p>The clock stands still, so no epoch boundary falls inside a measurement: the figures are
 * the steady state between rotations (a rotation costs one ratchet step per interval).
 */
final class FixedSessions {
  /** Unix ms of the frozen clock; also the schedule's start, so the epoch is 0. */
  static final long NOW_MS = 1_800_000_000_000L;

  private static final ServerSettings SETTINGS =
      new ServerSettings(TokenRotator.fixed(), 60_000, NOW_MS, 25_000, 1 << 20, 120_000);
  private static final LongSupplier CLOCK = () -> NOW_MS;
  private static final String AUTH = "bench-token";
  private static final String ROTATION_KEY = "bench-rotation-key";

  /** The two ends of one connection. */
  record Pair(SecureSession client, SecureSession server) {
    void destroy() {
      client.destroy();
      server.destroy();
    }
  }

  private FixedSessions() {}

  /** Runs HELLO/WELCOME between a client and a server handshake with the fixed inputs. */
  static Pair connect() {
    // never drawn from: both ends get fixed keys and nonces, but the builders require one
    SecureRandom unused = new SecureRandom();
    ClientHandshake client = ClientHandshake.builder(AUTH).rotationKey(ROTATION_KEY).clock(CLOCK).random(unused)
        .ephemeralKey(EcdhKeyPair.fromPrivateScalar(filled(0x11))).nonce(filled(0x21)).build();
    ServerHandshake server = ServerHandshake.builder(SETTINGS).clock(CLOCK).random(unused)
        .ephemeralKey(EcdhKeyPair.fromPrivateScalar(filled(0x12))).nonce(filled(0x22)).build();
    try {
      server.receiveHello(client.hello());
      ServerHandshake.Accepted accepted = server.accept("bench-session", ROTATION_KEY, null);
      return new Pair(client.receiveWelcome(accepted.welcomeBytes()), accepted.session());
    } catch (RwtProtocolException e) {
      throw new IllegalStateException("fixed-key handshake failed", e);
    }
  }

  private static byte[] filled(int value) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
