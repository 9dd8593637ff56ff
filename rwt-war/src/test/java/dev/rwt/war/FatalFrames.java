package dev.rwt.war;

import dev.rwt.protocol.Bodies;
import dev.rwt.protocol.ClientHandshake;
import dev.rwt.protocol.CloseCode;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecureSession;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * The bad frames that end a connection, one kind per constant, each with the close code
 * PROTOCOL.md documents for it. Each is sent on a fresh connection; those after the handshake
 * run a real one first.
 */
enum FatalFrames {
  GARBAGE_FIRST_FRAME(CloseCode.PROTOCOL, false),
  TEXT_MESSAGE(CloseCode.PROTOCOL, false),
  HELLO_WITH_SHORT_NONCE(CloseCode.PROTOCOL, false),
  HELLO_WITH_FORGED_JWT(CloseCode.UNAUTHENTICATED, false),
  OVERSIZED_FIRST_FRAME(CloseCode.TOO_LARGE, false),
  FORGED_TOKEN(CloseCode.BAD_TOKEN, true),
  FORGED_CIPHERTEXT(CloseCode.BAD_TOKEN, true),
  EPOCH_OUTSIDE_THE_WINDOW(CloseCode.BAD_TOKEN, true),
  REPLAYED_FRAME(CloseCode.REPLAY, true),
  OUT_OF_ORDER_FRAMES(CloseCode.REPLAY, true),
  OVERSIZED_FRAME(CloseCode.TOO_LARGE, true),
  BATCH_WITH_A_BAD_LENGTH(CloseCode.PROTOCOL, true),
  UNKNOWN_FRAME_TYPE(CloseCode.PROTOCOL, true),
  CALL_WITH_AN_ENORMOUS_NUMBER(CloseCode.PROTOCOL, true),
  MESSAGE_THAT_IS_NOT_JSON(CloseCode.PROTOCOL, true),
  SECOND_HELLO(CloseCode.PROTOCOL, true);

  /** The deployment's rwt.limits.max-frame-bytes (Deployments.TEST_CONFIG). */
  static final int MAX_FRAME_BYTES = 65_536;

  final CloseCode expected;
  final boolean afterHandshake;

  FatalFrames(CloseCode expected, boolean afterHandshake) {
    this.expected = expected;
    this.afterHandshake = afterHandshake;
  }

  /** Opens a connection, sends this kind of bad frame and returns how the server closed it. */
  TestSocket.Closed provoke(HttpClient http, URL base, String token, String forgedToken, SplittableRandom r)
      throws Exception {
    try (TestSocket socket = TestSocket.open(http, base, RwtWire.SUBPROTOCOL)) {
      if (afterHandshake) {
        send(socket, RwtPeer.handshake(socket, token, null), r);
      } else {
        sendFirst(socket, token, forgedToken, r);
      }
      return socket.awaitClose();
    }
  }

  private void sendFirst(TestSocket socket, String token, String forgedToken, SplittableRandom r) throws Exception {
    switch (this) {
      case GARBAGE_FIRST_FRAME -> {
        byte[] garbage = new byte[1 + r.nextInt(200)];
        r.nextBytes(garbage);
        socket.sendBinary(garbage);
      }
      case TEXT_MESSAGE -> socket.sendText("{\"v\":1}");
      case HELLO_WITH_SHORT_NONCE -> socket.sendBinary(Frames.unsealed(FrameType.HELLO,
          ("{\"v\":1,\"auth\":\"" + token + "\",\"nonce\":\"AAEC\",\"ecdh\":\"AAEC\"}").getBytes()));
      case HELLO_WITH_FORGED_JWT -> socket.sendBinary(ClientHandshake.builder(forgedToken)
          .random(new SecureRandom()).clock(System::currentTimeMillis).build().hello());
      case OVERSIZED_FIRST_FRAME -> socket.sendBinary(new byte[MAX_FRAME_BYTES + RwtWire.HEADER_LENGTH + 1]);
      default -> throw new IllegalStateException(name() + " comes after the handshake");
    }
  }

  private void send(TestSocket socket, SecureSession session, SplittableRandom r) throws Exception {
    switch (this) {
      case FORGED_TOKEN -> {
        byte[] f = ping(session);
        f[RwtWire.OFFSET_TOKEN + r.nextInt(RwtWire.TOKEN_LENGTH)] ^= (byte) (1 << r.nextInt(8));
        socket.sendBinary(f);
      }
      case FORGED_CIPHERTEXT -> {
        byte[] f = session.sealNext(FrameType.MESSAGE, 0, "\"secret\"".getBytes(),
            SealOptions.json().encrypted()).bytes();
        f[RwtWire.HEADER_LENGTH + r.nextInt(f.length - RwtWire.HEADER_LENGTH)] ^= (byte) (1 << r.nextInt(8));
        socket.sendBinary(f);
      }
      case EPOCH_OUTSIDE_THE_WINDOW -> {
        byte[] f = ping(session);
        ByteBuffer.wrap(f).putInt(RwtWire.OFFSET_EPOCH, (int) session.sendEpoch() + 2 + r.nextInt(1000));
        socket.sendBinary(f);
      }
      case REPLAYED_FRAME -> {
        byte[] f = ping(session);
        socket.sendBinary(f);
        socket.sendBinary(f);
      }
      case OUT_OF_ORDER_FRAMES -> {
        byte[] first = ping(session);
        socket.sendBinary(ping(session));
        socket.sendBinary(first);
      }
      case OVERSIZED_FRAME -> socket.sendBinary(new byte[MAX_FRAME_BYTES + RwtWire.HEADER_LENGTH + 1 + r.nextInt(99)]);
      case BATCH_WITH_A_BAD_LENGTH -> {
        byte[] entry = ping(session);
        ByteBuffer b = ByteBuffer.allocate(RwtWire.HEADER_LENGTH + 4 + entry.length);
        b.put((byte) RwtWire.VERSION).put((byte) FrameType.BATCH.code()).position(RwtWire.HEADER_LENGTH);
        b.putInt(entry.length + 1 + r.nextInt(1000)).put(entry);
        socket.sendBinary(b.array());
      }
      case UNKNOWN_FRAME_TYPE -> {
        byte[] f = ping(session);
        f[RwtWire.OFFSET_TYPE] = (byte) 0x55;
        socket.sendBinary(f);
      }
      case CALL_WITH_AN_ENORMOUS_NUMBER -> socket.sendBinary(session.sealNext(FrameType.CALL, 0,
          "{\"id\":1,\"method\":\"counter.increment\",\"params\":{\"by\":1e999999999}}".getBytes(),
          SealOptions.json()).bytes());
      case MESSAGE_THAT_IS_NOT_JSON -> socket.sendBinary(session.sealNext(FrameType.MESSAGE, 0,
          "{\"text\":\"cut".getBytes(), SealOptions.json().encrypted()).bytes());
      case SECOND_HELLO -> socket.sendBinary(Frames.unsealed(FrameType.HELLO, "{\"v\":1}".getBytes()));
      default -> throw new IllegalStateException(name() + " comes before the handshake");
    }
  }

  private static byte[] ping(SecureSession session) {
    return session.sealNext(FrameType.PING, 0, Bodies.u64(System.currentTimeMillis()), SealOptions.binary()).bytes();
  }
}
