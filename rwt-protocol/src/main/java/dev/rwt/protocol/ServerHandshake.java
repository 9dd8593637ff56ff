package dev.rwt.protocol;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The server side of the handshake for one connection, as a state machine over frame
 * bytes:
 *
 * <pre>
 * AWAITING_HELLO --receiveHello--> HELLO_RECEIVED --accept/acceptResume--> DONE
 *        \___________________________________\____ any failure ____________> FAILED
 * </pre>
 *
 * <p>{@link #receiveHello} validates the first message (4000/4009) and exposes the HELLO so
 * the caller can authenticate {@code auth} (4001 is the caller's to raise) and look up
 * {@code resume}. The caller then answers with {@link #accept} (a fresh session) or
 * {@link #acceptResume} (which checks the proof first, 4004), and sends the returned
 * WELCOME bytes before any other frame.
 *
 * <p>Thread-safe (methods are synchronized), though one connection normally drives it
 * from one thread. Randomness and time are injected.
 */
public final class ServerHandshake {
  /** The WELCOME to send and the session that continues the connection. */
  public record Accepted(byte[] welcomeBytes, Welcome welcome, SecureSession session) {
    @Override
    public String toString() {
      return "Accepted[" + welcome + "]";
    }
  }

  private enum State {
    AWAITING_HELLO,
    HELLO_RECEIVED,
    DONE,
    FAILED
  }

  private final ServerSettings settings;
  private final SecureRandom random;
  private final LongSupplier clock;
  private final ServerIdentity identity;
  private final EcdhKeyPair keyPair;
  private final byte[] nonce;
  private State state = State.AWAITING_HELLO;
  private Hello hello;

  private ServerHandshake(Builder b) {
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.random = Objects.requireNonNull(b.random, "random");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.identity = b.identity;
    this.keyPair = b.keyPair != null ? b.keyPair : EcdhKeyPair.generate(random);
    this.nonce = b.nonce != null ? b.nonce.clone() : randomNonce(random);
  }

  public static Builder builder(ServerSettings settings) {
    return new Builder(settings);
  }

  /**
   * Reads the connection's first message, which must be a HELLO: flags JSON, channel,
   * seq and epoch 0, zero token, and a valid body (see {@link Hello#parse}).
   *
   * @throws RwtProtocolException PROTOCOL for anything else; TOO_LARGE over maxFrameBytes
   * @throws IllegalStateException when called twice
   */
  public synchronized Hello receiveHello(byte[] message) throws RwtProtocolException {
    require(State.AWAITING_HELLO);
    state = State.FAILED;
    Frame f = HandshakeFrames.decode(message, FrameType.HELLO, (long) settings.maxFrameBytes() + RwtWire.HEADER_LENGTH);
    hello = Hello.parse(f.bodyRef());
    state = State.HELLO_RECEIVED;
    return hello;
  }

  /** The HELLO received, or null before {@link #receiveHello}. */
  public synchronized Hello hello() {
    return hello;
  }

  /**
   * Answers with a new session ({@code resumed: false, lastSeq: 0}); also the answer to a
   * resume the server cannot honour.
   *
   * @param sessionId the new session's id
   * @param rotationKey the authenticator's rotation key for this principal, "" when none
   * @param authExp unix-ms when the application token expires, or null
   */
  public synchronized Accepted accept(String sessionId, String rotationKey, Long authExp) {
    require(State.HELLO_RECEIVED);
    return finish(sessionId, rotationKey, authExp, null, 0);
  }

  /**
   * Resumes the session the HELLO names, after checking its proof against the session's
   * resume key. The new keys include that key (section 4); seq numbering continues.
   *
   * @param previousResumeKey the resume key stored with the session
   * @param lastSeq the highest client seq the server holds for the session
   * @throws RwtProtocolException RESUME_FAILED when the proof does not verify
   * @throws IllegalStateException when the HELLO did not ask to resume
   */
  public synchronized Accepted acceptResume(String rotationKey, Long authExp, SecretBytes previousResumeKey,
      long lastSeq) throws RwtProtocolException {
    require(State.HELLO_RECEIVED);
    Hello.ResumeRequest resume = hello.resume();
    if (resume == null) {
      throw new IllegalStateException("HELLO did not ask to resume");
    }
    state = State.FAILED;
    KeySchedule.verifyResumeProof(previousResumeKey, hello.nonce(), resume.proof());
    state = State.HELLO_RECEIVED;
    return finish(resume.session(), rotationKey, authExp, previousResumeKey, lastSeq);
  }

  private Accepted finish(String sessionId, String rotationKey, Long authExp, SecretBytes previousResumeKey,
      long lastSeq) {
    state = State.FAILED;
    long time = clock.getAsLong();
    long start = settings.rotationStartMs() != null ? settings.rotationStartMs() : time;
    SecretBytes z = agree();
    SessionKeys keys = KeySchedule.derive(z, rotationKey, previousResumeKey, hello.nonce(), nonce);
    z.destroy();
    byte[] serverEcdh = keyPair.publicPoint();
    byte[] sig = identity == null ? null
        : identity.sign(ServerIdentity.transcript(hello.nonce(), nonce, hello.ecdh(), serverEcdh));
    boolean resumed = previousResumeKey != null;
    Welcome welcome = new Welcome(sessionId, nonce, serverEcdh, time, settings.rotator().name(),
        settings.intervalMs(), start, settings.heartbeatMs(), settings.maxFrameBytes(), settings.resumeTtlMs(),
        resumed, lastSeq, authExp, identity == null ? null : identity.publicPoint(), sig);
    EpochKeys zero = HandshakeFrames.epochZero(keys, Direction.S2C);
    byte[] bytes = FrameSealer.seal(Direction.S2C, zero, FrameType.WELCOME, RwtWire.FLAG_JSON, 0, 0,
        Json.write(welcome.toJson()));
    zero.destroy();
    RotationSchedule schedule = new RotationSchedule(settings.rotator(), settings.intervalMs(), start);
    long clientHolds = resumed ? hello.resume().lastSeq() : 0;
    SecureSession session = new SecureSession(Direction.S2C, welcome, schedule, clock, 0, keys, lastSeq, clientHolds);
    keys.destroy();
    state = State.DONE;
    return new Accepted(bytes, welcome, session);
  }

  private SecretBytes agree() {
    try {
      return keyPair.agree(hello.ecdh());
    } catch (RwtProtocolException e) {
      throw new IllegalStateException("HELLO.ecdh was validated on receipt", e);
    }
  }

  private void require(State expected) {
    if (state != expected) {
      throw new IllegalStateException("handshake is " + state + ", not " + expected);
    }
  }

  static byte[] randomNonce(SecureRandom random) {
    byte[] n = new byte[RwtWire.NONCE_LENGTH];
    random.nextBytes(n);
    return n;
  }

  @Override
  public synchronized String toString() {
    return "ServerHandshake[" + state + "]";
  }

  /** Configures one server handshake. Not thread-safe; use once. */
  public static final class Builder {
    private final ServerSettings settings;
    private SecureRandom random;
    private LongSupplier clock;
    private ServerIdentity identity;
    private EcdhKeyPair keyPair;
    private byte[] nonce;

    private Builder(ServerSettings settings) {
      this.settings = settings;
    }

    /** Source of the nonce and the ephemeral key (required). */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /** Unix-ms clock for WELCOME.time and the session's schedule (required). */
    public Builder clock(LongSupplier clock) {
      this.clock = clock;
      return this;
    }

    /** Signs WELCOME with this identity (optional). */
    public Builder identity(ServerIdentity identity) {
      this.identity = identity;
      return this;
    }

    /** A fixed ephemeral key instead of a generated one: for reproducing test vectors only. */
    public Builder ephemeralKey(EcdhKeyPair keyPair) {
      this.keyPair = keyPair;
      return this;
    }

    /** A fixed 32-byte nonce instead of a random one: for reproducing test vectors only. */
    public Builder nonce(byte[] nonce) {
      if (nonce.length != RwtWire.NONCE_LENGTH) {
        throw new IllegalArgumentException("nonce must be " + RwtWire.NONCE_LENGTH + " bytes");
      }
      this.nonce = nonce.clone();
      return this;
    }

    public ServerHandshake build() {
      return new ServerHandshake(this);
    }
  }
}
