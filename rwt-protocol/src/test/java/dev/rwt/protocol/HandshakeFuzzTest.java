package dev.rwt.protocol;

import static dev.rwt.protocol.CloseCode.BAD_TOKEN;
import static dev.rwt.protocol.CloseCode.PROTOCOL;
import static dev.rwt.protocol.CloseCode.REPLAY;
import static dev.rwt.protocol.CloseCode.RESUME_FAILED;
import static dev.rwt.protocol.CloseCode.TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two handshake state machines fed mutated HELLO and WELCOME messages, hostile but
 * correctly sealed WELCOMEs, and their calls in random order. Bad input only ever ends in
 * {@link RwtProtocolException} with a documented code; a call out of order only ever in
 * {@link IllegalStateException}; and a state machine that failed stays failed.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class HandshakeFuzzTest {
  private static final ServerSettings SETTINGS =
      new ServerSettings(TokenRotator.golden(), 60_000, null, 25_000, 1 << 20, 120_000);

  /** A SecureRandom that repeats for the same case seed, so a failing case reproduces. */
  static SecureRandom seeded(SplittableRandom r) {
    try {
      SecureRandom s = SecureRandom.getInstance("SHA1PRNG");
      s.setSeed(r.nextLong());
      return s;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ClientHandshake client(SecureRandom random, ResumeTicket resume) {
    ClientHandshake.Builder b = ClientHandshake.builder("token-" + random.nextInt(1000)).random(random)
        .clock(() -> Fixtures.T0);
    return resume == null ? b.build() : b.resume(resume).build();
  }

  static ServerHandshake server(SecureRandom random) {
    return ServerHandshake.builder(SETTINGS).random(random).clock(() -> Fixtures.T0).build();
  }

  static ResumeTicket ticket(SecureRandom random) {
    byte[] key = new byte[RwtWire.KEY_LENGTH];
    random.nextBytes(key);
    return new ResumeTicket("s-" + random.nextInt(1000), SecretBytes.copyOf(key), random.nextInt(1000));
  }

  @Test
  void mutatedHellosOnlyEverThrow4000Or4009() {
    Randomized.forAll(11L, Randomized.scaled(150), r -> {
      SecureRandom random = seeded(r);
      byte[] hello = client(random, r.nextBoolean() ? ticket(random) : null).hello();
      byte[] input = Fuzz.mutate(r, hello);
      Fuzz.feed(bytes -> server(random).receiveHello(bytes), input, Fuzz.codes(PROTOCOL, TOO_LARGE));
    });
  }

  @Test
  void helloBodiesWithWrongFieldsOnlyEverThrow4000() {
    Randomized.forAll(12L, Randomized.scaled(200), r -> {
      SecureRandom random = seeded(r);
      byte[] hello = client(random, r.nextBoolean() ? ticket(random) : null).hello();
      Map<String, Object> body = Vectors.map(Json.parse(FrameCodec.decode(hello).body()));
      JsonMutations.mutateMembers(r, body);
      byte[] input = FrameCodec.encode(Frame.adopt(FrameType.HELLO, RwtWire.FLAG_JSON, 0, 0, 0,
          new byte[RwtWire.TOKEN_LENGTH], Json.write(body)));
      Fuzz.feed(bytes -> server(random).receiveHello(bytes), input, Fuzz.codes(PROTOCOL));
    });
  }

  @Test
  void mutatedWelcomesOnlyEverThrow4000Or4010() {
    Randomized.forAll(13L, Randomized.scaled(150), r -> {
      SecureRandom random = seeded(r);
      ClientHandshake client = client(random, null);
      ServerHandshake server = server(random);
      server.receiveHello(client.hello());
      byte[] welcome = server.accept("s1", "", null).welcomeBytes();
      byte[] input = Fuzz.mutate(r, welcome);
      if (java.util.Arrays.equals(input, welcome)) {
        assertNotNull(client.receiveWelcome(input));
        return;
      }
      Fuzz.feed(client::receiveWelcome, input, Fuzz.codes(PROTOCOL, BAD_TOKEN, TOO_LARGE));
    });
  }

  /**
   * A hostile server (or a man in the middle the client does not pin against) seals what it
   * likes: the client must still only ever answer with a session or a documented code, and a
   * session it accepted must seal and open without another exception or a hang.
   */
  /** A WELCOME for {@code client}'s HELLO with {@code body}, sealed as a server would. */
  static byte[] sealedWelcome(SecureRandom random, Hello hello, Map<String, Object> body) throws Exception {
    EcdhKeyPair serverKey = EcdhKeyPair.generate(random);
    body.put("ecdh", Base64Url.encode(serverKey.publicPoint()));
    byte[] serverNonce = Base64Url.decode((String) body.get("nonce"), RwtWire.NONCE_LENGTH, "nonce");
    SessionKeys keys = KeySchedule.derive(serverKey.agree(hello.ecdh()), "", null, hello.nonce(), serverNonce);
    return FrameSealer.seal(Direction.S2C, HandshakeFrames.epochZero(keys, Direction.S2C), FrameType.WELCOME,
        RwtWire.FLAG_JSON, 0, 0, Json.write(body));
  }

  /** An honest WELCOME body for {@code hello}, to be changed by the caller. */
  static Map<String, Object> honestWelcome(SecureRandom random, Hello hello) throws Exception {
    ServerHandshake server = server(random);
    server.receiveHello(HandshakeFrames.encodeHello(hello));
    return new LinkedHashMap<>(server.accept("s1", "", null).welcome().toJson());
  }

  /**
   * A hostile server (or a man in the middle the client does not pin against) seals what it
   * likes: the client must still only ever answer with a session or a documented code, and a
   * session it accepted must seal and open without another exception or a hang.
   */
  @Test
  void hostileButCorrectlySealedWelcomesOnlyEverThrow4000() {
    Randomized.forAll(14L, Randomized.scaled(150), r -> {
      SecureRandom random = seeded(r);
      ClientHandshake client = client(random, null);
      Hello hello = Hello.parse(FrameCodec.decode(client.hello()).body());
      Map<String, Object> body = honestWelcome(random, hello);
      JsonMutations.mutateWelcomeNumbers(r, body);
      if (r.nextInt(4) == 0) {
        JsonMutations.mutateMembers(r, body);
        body.put("nonce", Base64Url.encode(new byte[RwtWire.NONCE_LENGTH]));
      }
      byte[] welcome = sealedWelcome(random, hello, body);
      SecureSession session;
      try {
        session = client.receiveWelcome(welcome);
      } catch (RwtProtocolException e) {
        assertEquals(PROTOCOL, e.closeCode(), "refused with " + e + " for " + Json.toString(body));
        return;
      } catch (RuntimeException e) {
        throw new AssertionError("WELCOME " + Json.toString(body) + " threw " + e, e);
      }
      session.sealNext(FrameType.PING, 0, Bodies.u64(1), SealOptions.binary());
      // the WELCOME again, or a mutation of it: a replay (seq 0) or a bad frame
      Fuzz.feed(session::open, Fuzz.mutate(r, welcome), Fuzz.codes(PROTOCOL, TOO_LARGE, BAD_TOKEN, REPLAY));
    });
  }

  private static RwtProtocolException refusedWelcome(String member, Object value, boolean inRotation)
      throws Exception {
    SecureRandom random = seeded(new SplittableRandom(1));
    ClientHandshake client = client(random, null);
    Hello hello = Hello.parse(FrameCodec.decode(client.hello()).body());
    Map<String, Object> body = honestWelcome(random, hello);
    if (inRotation) {
      @SuppressWarnings("unchecked")
      Map<String, Object> rotation = new LinkedHashMap<>((Map<String, Object>) body.get("rotation"));
      rotation.put(member, value);
      body.put("rotation", rotation);
    } else {
      body.put(member, value);
    }
    byte[] welcome = sealedWelcome(random, hello, body);
    return assertThrows(RwtProtocolException.class, () -> client.receiveWelcome(welcome));
  }

  @Test
  void aWelcomeWhoseScheduleStartedAgesAgoIsRefusedWith4000InsteadOfWalkingEveryEpoch() throws Exception {
    assertEquals(PROTOCOL, refusedWelcome("start", 0L, true).closeCode());
  }

  @Test
  void aWelcomeTimeNearTheEndOfLongIsRefusedWith4000InsteadOfOverflowing() throws Exception {
    assertEquals(PROTOCOL, refusedWelcome("time", Long.MAX_VALUE - 1, false).closeCode());
  }

  @Test
  void aWelcomeWithAMaxFrameBytesTooSmallForAnAckIsRefusedWith4000() throws Exception {
    assertEquals(PROTOCOL, refusedWelcome("maxFrameBytes", 2L, false).closeCode());
  }

  @Test
  void everyWrongResumeProofIs4004AndLeavesTheHandshakeFailed() {
    Randomized.forAll(15L, Randomized.scaled(100), r -> {
      SecureRandom random = seeded(r);
      ResumeTicket ticket = ticket(random);
      ServerHandshake server = server(random);
      server.receiveHello(client(random, ticket).hello());
      byte[] wrong = ticket.resumeKey().bytes();
      wrong[r.nextInt(wrong.length)] ^= (byte) (1 + r.nextInt(255));
      RwtProtocolException e = assertThrows(RwtProtocolException.class,
          () -> server.acceptResume("", null, SecretBytes.copyOf(wrong), 0));
      assertEquals(RESUME_FAILED, e.closeCode());
      assertThrows(IllegalStateException.class, () -> server.accept("s2", "", null));
    });
  }

  private enum ServerOp { HELLO, BAD_HELLO, ACCEPT, RESUME, BAD_RESUME }

  private enum ClientOp { HELLO, WELCOME, BAD_WELCOME }

  private enum State { WAITING, RECEIVED, DONE, FAILED }

  @Test
  void serverHandshakeCalledInAnyOrderFollowsItsStateMachine() {
    Randomized.forAll(16L, Randomized.scaled(100), r -> {
      SecureRandom random = seeded(r);
      ResumeTicket ticket = r.nextBoolean() ? ticket(random) : null;
      byte[] hello = client(random, ticket).hello();
      ServerHandshake server = server(random);
      State state = State.WAITING;
      List<ServerOp> trace = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ServerOp op = ServerOp.values()[r.nextInt(ServerOp.values().length)];
        trace.add(op);
        State before = state;
        Outcome outcome = Outcome.of(() -> {
          switch (op) {
            case HELLO -> server.receiveHello(hello);
            case BAD_HELLO -> server.receiveHello(new byte[3]);
            case ACCEPT -> server.accept("s1", "", null);
            case RESUME -> server.acceptResume("", null, ticket == null ? SecretBytes.copyOf(new byte[32])
                : ticket.resumeKey(), 0);
            default -> server.acceptResume("", null, SecretBytes.copyOf(new byte[32]), 0);
          }
        });
        state = switch (op) {
          case HELLO -> expect(outcome, before == State.WAITING ? Outcome.OK : Outcome.ILLEGAL_STATE, before,
              State.RECEIVED, trace);
          case BAD_HELLO -> expect(outcome, before == State.WAITING ? Outcome.REFUSED : Outcome.ILLEGAL_STATE, before,
              State.FAILED, trace);
          case ACCEPT -> expect(outcome, before == State.RECEIVED ? Outcome.OK : Outcome.ILLEGAL_STATE, before,
              State.DONE, trace);
          case RESUME -> expect(outcome, before == State.RECEIVED && ticket != null ? Outcome.OK
              : Outcome.ILLEGAL_STATE, before, State.DONE, trace);
          default -> expect(outcome, before == State.RECEIVED && ticket != null ? Outcome.REFUSED
              : Outcome.ILLEGAL_STATE, before, State.FAILED, trace);
        };
      }
    });
  }

  @Test
  void clientHandshakeCalledInAnyOrderFollowsItsStateMachine() {
    Randomized.forAll(17L, Randomized.scaled(100), r -> {
      SecureRandom random = seeded(r);
      ClientHandshake client = client(random, null);
      ServerHandshake server = server(random);
      byte[][] welcome = {new byte[0]};
      State state = State.WAITING;
      List<ClientOp> trace = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ClientOp op = ClientOp.values()[r.nextInt(ClientOp.values().length)];
        trace.add(op);
        State before = state;
        Outcome outcome = Outcome.of(() -> {
          switch (op) {
            case HELLO -> {
              byte[] hello = client.hello();
              server.receiveHello(hello);
              welcome[0] = server.accept("s1", "", null).welcomeBytes();
            }
            case WELCOME -> client.receiveWelcome(welcome[0]);
            default -> client.receiveWelcome(new byte[] {1, 2, 0});
          }
        });
        state = switch (op) {
          case HELLO -> expect(outcome, before == State.WAITING ? Outcome.OK : Outcome.ILLEGAL_STATE, before,
              State.RECEIVED, trace);
          case WELCOME -> expect(outcome, before == State.RECEIVED ? Outcome.OK : Outcome.ILLEGAL_STATE, before,
              State.DONE, trace);
          default -> expect(outcome, before == State.RECEIVED ? Outcome.REFUSED : Outcome.ILLEGAL_STATE, before,
              State.FAILED, trace);
        };
      }
    });
  }

  /** Checks the outcome; returns the state after it (unchanged by an illegal call). */
  private static State expect(Outcome actual, Outcome expected, State before, State onSuccess, List<?> trace) {
    if (actual != expected) {
      fail("after " + trace + " expected " + expected + " but got " + actual + " (state was " + before + ")");
    }
    return switch (actual) {
      case OK -> onSuccess;
      case REFUSED -> State.FAILED;
      default -> before;
    };
  }

  private enum Outcome {
    OK, REFUSED, ILLEGAL_STATE;

    interface Call {
      void run() throws Exception;
    }

    static Outcome of(Call call) {
      try {
        call.run();
        return OK;
      } catch (RwtProtocolException e) {
        if (!Set.of(PROTOCOL, TOO_LARGE, BAD_TOKEN, RESUME_FAILED).contains(e.closeCode())) {
          throw new AssertionError("undocumented " + e, e);
        }
        return REFUSED;
      } catch (IllegalStateException e) {
        return ILLEGAL_STATE;
      } catch (Exception e) {
        throw new AssertionError("unexpected " + e, e);
      }
    }
  }
}
