package dev.rwt.protocol;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The client side of the handshake for one connection, as a state machine over frame
 * bytes:
 *
 * <pre>
 * NEW --hello()--> HELLO_SENT --receiveWelcome()--> DONE
 *                       \______ any failure ______> FAILED
 * </pre>
 *
 * <p>{@link #hello()} builds the HELLO (with {@code resume} when a {@link ResumeTicket} was
 * given). {@link #receiveWelcome} parses the WELCOME, derives the keys, checks its token
 * under s2c epoch 0 (4010), checks the identity signature when one is present or a pin is
 * configured (4010), and returns the session. Check {@link Welcome#resumed()} on the result:
 * {@code false} after a resume request means continuity was lost and the user must be told.
 *
 * <p>Thread-safe (methods are synchronized). Randomness and time are injected.
 */
public final class ClientHandshake {
  /** The smallest WELCOME.maxFrameBytes accepted (servers cannot be configured lower). */
  static final int MIN_MAX_FRAME_BYTES = 256;
  /** 9999-12-31T23:59:59.999Z: later instants in a WELCOME are refused. */
  static final long MAX_TIME_MS = 253_402_300_799_999L;
  /** How many base intervals WELCOME.time may lie after WELCOME.rotation.start. */
  static final long MAX_INTERVALS_SINCE_START = 1L << 16;

  private enum State {
    NEW,
    HELLO_SENT,
    DONE,
    FAILED
  }

  private final String auth;
  private final String rotationKey;
  private final String clientName;
  private final ResumeTicket resume;
  private final IdentityPin pin;
  private final LongSupplier clock;
  private final RotatorRegistry registry;
  private final EcdhKeyPair keyPair;
  private final byte[] nonce;
  /** The local clock when {@link #hello()} made HELLO. */
  private long helloAtMs; // guarded by this
  private State state = State.NEW;
  private Welcome welcome;

  private ClientHandshake(Builder b) {
    this.auth = Objects.requireNonNull(b.auth, "auth");
    this.rotationKey = b.rotationKey;
    this.clientName = b.clientName;
    this.resume = b.resume;
    this.pin = b.pin;
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.registry = b.registry;
    SecureRandom random = b.random;
    if ((b.keyPair == null || b.nonce == null) && random == null) {
      throw new IllegalStateException("random is required");
    }
    this.keyPair = b.keyPair != null ? b.keyPair : EcdhKeyPair.generate(random);
    this.nonce = b.nonce != null ? b.nonce.clone() : ServerHandshake.randomNonce(random);
  }

  /** @param auth the application token for HELLO.auth */
  public static Builder builder(String auth) {
    return new Builder(auth);
  }

  /**
   * The HELLO message to send first.
   *
   * @throws IllegalStateException when called twice
   */
  public synchronized byte[] hello() {
    require(State.NEW);
    Hello.ResumeRequest r = resume == null ? null
        : new Hello.ResumeRequest(resume.sessionId(), resume.lastSeq(),
            KeySchedule.resumeProof(resume.resumeKey(), nonce));
    byte[] bytes = HandshakeFrames.encodeHello(new Hello(auth, nonce, keyPair.publicPoint(), r, clientName));
    state = State.HELLO_SENT;
    helloAtMs = clock.getAsLong();
    return bytes;
  }

  /**
   * Consumes the server's WELCOME and returns the connection's session.
   *
   * @throws RwtProtocolException PROTOCOL for a malformed WELCOME or unknown rotation
   *     pattern; BAD_TOKEN for a token or identity that does not verify
   * @throws IllegalStateException before {@link #hello()} or after the handshake
   */
  public synchronized SecureSession receiveWelcome(byte[] message) throws RwtProtocolException {
    require(State.HELLO_SENT);
    state = State.FAILED;
    long localNow = clock.getAsLong();
    Frame f = HandshakeFrames.decode(message, FrameType.WELCOME, RwtWire.MAX_WELCOME_BYTES);
    Welcome w = Welcome.parse(f.bodyRef());
    TokenRotator rotator = registry.require(w.pattern());
    checkParameters(w);
    if (w.resumed() && resume == null) {
      throw RwtProtocolException.protocol("WELCOME says resumed but no resume was asked");
    }
    SecretBytes z = keyPair.agree(w.ecdh());
    SessionKeys keys = KeySchedule.derive(z, rotationKey, w.resumed() ? resume.resumeKey() : null, nonce, w.nonce());
    z.destroy();
    EpochKeys zero = HandshakeFrames.epochZero(keys, Direction.S2C);
    try {
      FrameSealer.open(Direction.S2C, zero, f);
    } finally {
      zero.destroy();
    }
    checkIdentity(w);
    RotationSchedule schedule = new RotationSchedule(rotator, w.intervalMs(), w.start());
    long lastReceived = w.resumed() ? resume.lastSeq() : 0;
    long serverHolds = w.resumed() ? w.lastSeq() : 0;
    // WELCOME.time was taken somewhere between HELLO leaving and WELCOME arriving: the midpoint
    // halves the error a slow network or a busy server would otherwise add to every epoch
    long offset = w.time() - (helloAtMs + (localNow - helloAtMs) / 2);
    SecureSession session = new SecureSession(Direction.C2S, w, schedule, clock, offset, keys,
        lastReceived, serverHolds);
    keys.destroy();
    welcome = w;
    state = State.DONE;
    return session;
  }

  /** The WELCOME received, or null before the handshake completed. */
  public synchronized Welcome welcome() {
    return welcome;
  }

  /**
   * Refuses parameters the client could not work with: a maxFrameBytes too small for the
   * protocol's own frames, an interval under the minimum, instants past the year 9999 (where
   * {@code start + d(e)} could overflow and the epoch walk never end), or a start so far before
   * {@code time} that finding the current epoch would walk through more than 65,536 base
   * intervals. A server sets {@code start} to the WELCOME's own time, so only a hostile or
   * broken server is refused.
   */
  private static void checkParameters(Welcome w) throws RwtProtocolException {
    if (w.maxFrameBytes() < MIN_MAX_FRAME_BYTES) {
      throw RwtProtocolException.protocol("WELCOME.maxFrameBytes under " + MIN_MAX_FRAME_BYTES);
    }
    if (w.intervalMs() < RotationSchedule.MIN_INTERVAL_MS) {
      throw RwtProtocolException.protocol("WELCOME.rotation.intervalMs too small");
    }
    if (w.time() > MAX_TIME_MS || w.start() > MAX_TIME_MS) {
      throw RwtProtocolException.protocol("WELCOME.time or WELCOME.rotation.start past the year 9999");
    }
    if (w.time() > w.start() && (w.time() - w.start()) / w.intervalMs() > MAX_INTERVALS_SINCE_START) {
      throw RwtProtocolException.protocol("WELCOME.rotation.start too far before WELCOME.time");
    }
  }

  private void checkIdentity(Welcome w) throws RwtProtocolException {
    if (pin == null && w.sig() == null) {
      return;
    }
    byte[] transcript = ServerIdentity.transcript(nonce, w.nonce(), keyPair.publicPoint(), w.ecdh());
    if (pin != null) {
      pin.check(w.identity(), transcript, w.sig());
    } else {
      IdentityPin.verifySignature(w.identity(), transcript, w.sig());
    }
  }

  private void require(State expected) {
    if (state != expected) {
      throw new IllegalStateException("handshake is " + state + ", not " + expected);
    }
  }

  @Override
  public synchronized String toString() {
    return "ClientHandshake[" + state + (resume != null ? ", resuming " + resume.sessionId() : "") + "]";
  }

  /** Configures one client handshake. Not thread-safe; use once. */
  public static final class Builder {
    private final String auth;
    private String rotationKey = "";
    private String clientName;
    private ResumeTicket resume;
    private IdentityPin pin;
    private SecureRandom random;
    private LongSupplier clock;
    private RotatorRegistry registry = RotatorRegistry.builtIn();
    private EcdhKeyPair keyPair;
    private byte[] nonce;

    private Builder(String auth) {
      this.auth = auth;
    }

    /** The pre-shared rotation key the server's authenticator returns for this token ("" by default). */
    public Builder rotationKey(String rotationKey) {
      this.rotationKey = Objects.requireNonNull(rotationKey, "rotationKey");
      return this;
    }

    /** HELLO.client, e.g. {@code "rwt-java/0.1"} (optional). */
    public Builder clientName(String clientName) {
      this.clientName = clientName;
      return this;
    }

    /** Ask to resume this session (optional). */
    public Builder resume(ResumeTicket resume) {
      this.resume = resume;
      return this;
    }

    /** Refuse a WELCOME not signed by this identity (optional). */
    public Builder pin(IdentityPin pin) {
      this.pin = pin;
      return this;
    }

    /** Source of the nonce and the ephemeral key (required unless both are fixed). */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /** Local unix-ms clock (required); the session adds the offset from WELCOME.time. */
    public Builder clock(LongSupplier clock) {
      this.clock = clock;
      return this;
    }

    /** Rotation patterns the client knows (built-ins by default). */
    public Builder registry(RotatorRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
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

    public ClientHandshake build() {
      return new ClientHandshake(this);
    }
  }
}
