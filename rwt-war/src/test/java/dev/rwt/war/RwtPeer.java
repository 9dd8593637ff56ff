package dev.rwt.war;

import dev.rwt.protocol.ClientHandshake;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.ResumeTicket;
import dev.rwt.protocol.RotatorRegistry;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecureSession;
import dev.rwt.protocol.Welcome;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A minimal RWT client for integration tests, built straight on rwt-protocol and the JDK
 * WebSocket: it performs the handshake, seals what the test sends and opens what the server
 * sends. By default it answers PING with PONG and acknowledges reliable frames at once, like a
 * healthy client; tests switch either off to play a misbehaving one.
 */
final class RwtPeer implements AutoCloseable {

  private static final long TIMEOUT_MS = 10_000;

  final TestSocket socket;
  final SecureSession session;
  final Welcome welcome;
  private final BlockingQueue<OpenedFrame> frames = new LinkedBlockingQueue<>();
  private final Thread reader;
  volatile boolean autoPong = true;
  volatile boolean autoAck = true;
  volatile RwtProtocolException failure;

  /** A reliable frame sent and not yet acknowledged: kept to be sent again after a resume. */
  record Kept(long seq, FrameType type, int channel, byte[] payload, SealOptions options) {}

  private final java.util.concurrent.ConcurrentLinkedDeque<Kept> outbox = new java.util.concurrent.ConcurrentLinkedDeque<>();

  private RwtPeer(TestSocket socket, SecureSession session) {
    this.socket = socket;
    this.session = session;
    this.welcome = session.welcome();
    this.reader = new Thread(this::read, "rwt-peer-reader");
    reader.setDaemon(true);
  }

  static RwtPeer connect(URL base, String token) throws Exception {
    return connect(base, token, null);
  }

  static RwtPeer connect(URL base, String token, ResumeTicket resume) throws Exception {
    RwtPeer peer = handshaken(base, token, resume);
    peer.reader.start();
    return peer;
  }

  /** Connected, with the reader not started yet: nothing is answered (ACK, PONG) until it is. */
  private static RwtPeer handshaken(URL base, String token, ResumeTicket resume) throws Exception {
    TestSocket socket = TestSocket.open(base, "rwt.v1");
    return new RwtPeer(socket, handshake(socket, token, resume));
  }

  /** Only the handshake, and the connection dropped at once: the client never answers anything. */
  static Welcome handshakeThenDrop(URL base, String token, ResumeTicket resume) throws Exception {
    try (TestSocket socket = TestSocket.open(base, "rwt.v1")) {
      return handshake(socket, token, resume).welcome();
    }
  }

  /** Runs the client's side of the handshake on {@code socket}; throws when no WELCOME comes. */
  static SecureSession handshake(TestSocket socket, String token, ResumeTicket resume) throws Exception {
    ClientHandshake.Builder builder =
        ClientHandshake.builder(token)
            .rotationKey("")
            .clientName("it/1")
            .random(new SecureRandom())
            .clock(System::currentTimeMillis)
            .registry(RotatorRegistry.builtIn());
    if (resume != null) {
      builder.resume(resume);
    }
    ClientHandshake handshake = builder.build();
    socket.sendBinary(handshake.hello());
    byte[] welcome = socket.nextMessageOrClose();
    if (welcome == null) {
      throw new IllegalStateException("no WELCOME; closed with " + socket.awaitClose());
    }
    return handshake.receiveWelcome(welcome);
  }

  private void read() {
    try {
      while (true) {
        byte[] message = socket.nextMessageBlocking();
        if (message == TestSocket.END) {
          return;
        }
        // every opened frame counts as received (the resume ticket's lastSeq moved past it), so it
        // is taken before any answer: a send failing on a cut socket must not drop the rest of a BATCH
        List<OpenedFrame> opened = new ArrayList<>();
        session.open(message, f -> {
          frames.add(f);
          opened.add(f);
        });
        for (OpenedFrame f : opened) {
          if (f.type() == FrameType.ACK) {
            long acked = f.u64();
            outbox.removeIf(k -> k.seq() <= acked);
          }
          if (f.type() == FrameType.PING && autoPong) {
            answer(FrameType.PONG, f.payload());
          }
          if (f.type().isReliable() && autoAck) {
            answer(FrameType.ACK, dev.rwt.protocol.Bodies.u64(f.seq()));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RwtProtocolException e) {
      failure = e;
    } catch (Exception e) {
      // the socket went away
    }
  }

  /** An automatic PONG or ACK; on a socket that is going away it is simply not sent. */
  private void answer(FrameType type, byte[] body) {
    try {
      send(type, 0, body, SealOptions.binary());
    } catch (Exception gone) {
      // the reader goes on to the end of the socket: what already arrived is still taken
    }
  }

  /**
   * Seals and sends one frame with the next seq; returns the seq. Reliable frames are kept
   * until the server acknowledges them, as a real client does.
   */
  synchronized long send(FrameType type, int channel, byte[] payload, SealOptions options) throws Exception {
    SecureSession.Sealed sealed = session.sealNext(type, channel, payload, options);
    if (type.isReliable()) {
      outbox.add(new Kept(sealed.seq(), type, channel, payload, options));
    }
    socket.sendBinary(sealed.bytes());
    return sealed.seq();
  }

  /**
   * Reconnects with this peer's resume ticket after its connection was cut. On a resumed
   * session, resends the kept frames the server does not have, with their original seq.
   */
  static RwtPeer resume(URL base, String token, RwtPeer old) throws Exception {
    old.reader.join(10_000);
    old.socket.close();
    // the reader starts after the resend: an automatic ACK must not take a seq a resent frame keeps
    RwtPeer fresh = handshaken(base, token, old.resumeTicket());
    if (fresh.welcome.resumed()) {
      long max = 0;
      synchronized (fresh) {
        for (Kept k : old.outbox) {
          if (k.seq() > fresh.welcome.lastSeq()) {
            fresh.outbox.add(k);
            fresh.socket.sendBinary(
                fresh.session.seal(k.type(), k.channel(), k.seq(), dev.rwt.protocol.Plaintext.prepare(k.payload(), k.options())));
            max = k.seq();
          }
        }
        fresh.session.continueNumberingAfter(max);
      }
    }
    fresh.reader.start();
    return fresh;
  }

  /** Reliable frames sent and not yet acknowledged by the server. */
  int unacknowledged() {
    return outbox.size();
  }

  long sendJson(FrameType type, int channel, String json) throws Exception {
    return send(type, channel, json.getBytes(StandardCharsets.UTF_8), SealOptions.json());
  }

  /** SUBSCRIBE and wait for SUBSCRIBED; returns the subscription id. */
  int subscribe(String channel) throws Exception {
    sendJson(FrameType.SUBSCRIBE, 0, "{\"channel\":\"" + channel + "\"}");
    return next(f -> f.type() == FrameType.SUBSCRIBED && ("{\"channel\":\"" + channel + "\"}").equals(text(f)))
        .channel();
  }

  /** The next frame that matches, skipping others (PINGs, ACKs, ...). */
  OpenedFrame next(Predicate<OpenedFrame> filter) throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      OpenedFrame f = left <= 0 ? null : frames.poll(left, TimeUnit.MILLISECONDS);
      if (f == null) {
        throw new AssertionError("no matching frame within " + TIMEOUT_MS + " ms"
            + (failure != null ? "; the server's frames stopped opening: " + failure : "")
            + (socket.closedNow() != null ? "; closed " + socket.closedNow() : ""));
      }
      if (filter.test(f)) {
        return f;
      }
    }
  }

  /** A frame already received that matches, or null; frames before it are skipped. */
  OpenedFrame poll(Predicate<OpenedFrame> filter) {
    for (OpenedFrame f = frames.poll(); f != null; f = frames.poll()) {
      if (filter.test(f)) {
        return f;
      }
    }
    return null;
  }

  OpenedFrame next(FrameType type) throws InterruptedException {
    return next(f -> f.type() == type);
  }

  /** Every frame received so far and not yet taken. */
  List<OpenedFrame> drain() {
    List<OpenedFrame> out = new ArrayList<>();
    frames.drainTo(out);
    return out;
  }

  TestSocket.Closed awaitClose() throws Exception {
    return socket.awaitClose();
  }

  ResumeTicket resumeTicket() {
    return session.resumeTicket();
  }

  static String text(OpenedFrame f) {
    return new String(f.payload(), StandardCharsets.UTF_8);
  }


  @Override
  public void close() {
    reader.interrupt();
    socket.close();
  }
}
