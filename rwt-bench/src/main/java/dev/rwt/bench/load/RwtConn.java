package dev.rwt.bench.load;

import dev.rwt.protocol.Bodies;
import dev.rwt.protocol.ClientHandshake;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.RwtProtocolException;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecureSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One RWT connection of the load generator: HELLO/WELCOME through rwt-protocol, then frames
 * sealed and opened like any client's, PING answered with PONG, reliable frames acknowledged
 * as RWT's own clients do (PROTOCOL.md section 6): after 32, or 250 ms after the first one not
 * yet acknowledged, whichever comes first. Unlike the full Java client it keeps nothing for a resume
 * and never reconnects: a benchmark connection that drops is a failed run.
 *
 * <p>Thread-safe: sealing and queueing a frame happen under one lock, so frames leave in seq
 * order whichever thread sends.
 */
final class RwtConn implements WsConn.Handler, Conn {
  private static final int ACK_EVERY = RwtWire.ACK_EVERY_FRAMES;
  private static final long ACK_WITHIN_NANOS = RwtWire.ACK_EVERY_MS * 1_000_000;

  private final Dialect.Role role;
  private final Conn.Sink sink;
  private final SealOptions options;
  private final boolean rpc;
  private final ClientHandshake handshake;
  private final Consumer<String> errors;
  private final Consumer<RwtConn> gone;
  private final CompletableFuture<Conn> ready = new CompletableFuture<>();
  private final WsConn ws = new WsConn(this);
  private volatile SecureSession session;
  private int channel; // guarded by this
  private int unacked; // guarded by this
  private long firstUnackedAt; // guarded by this: System.nanoTime() of the oldest unacknowledged frame
  private long callId; // guarded by this

  RwtConn(Dialect.Role role, Conn.Sink sink, boolean encrypt, boolean rpc, String token, SecureRandom random,
      Consumer<String> errors, Consumer<RwtConn> gone) {
    this.role = role;
    this.sink = sink;
    this.rpc = rpc;
    SealOptions base = role == Dialect.Role.FANOUT ? SealOptions.binary() : SealOptions.json();
    this.options = encrypt ? base.encrypted() : base;
    this.errors = errors;
    this.gone = gone;
    this.handshake = ClientHandshake.builder(token).clientName("rwt-bench/1").random(random)
        .clock(System::currentTimeMillis).build();
  }

  CompletableFuture<Conn> connect(Clients clients, URI uri) {
    ws.connect(clients, uri, "rwt.v1").whenComplete((w, t) -> {
      if (t != null) {
        ready.completeExceptionally(t);
      } else {
        w.sendBinary(handshake.hello());
      }
    });
    return ready;
  }

  @Override
  public void binary(byte[] message) {
    try {
      if (session == null) {
        welcome(message);
      } else {
        session.open(message, this::frame);
      }
    } catch (RwtProtocolException e) {
      errors.accept("cannot open a server frame: " + e.getMessage());
      ready.completeExceptionally(e);
      ws.abort();
    }
  }

  private void welcome(byte[] message) throws RwtProtocolException {
    session = handshake.receiveWelcome(message);
    if (role == Dialect.Role.FANOUT) {
      send(FrameType.SUBSCRIBE, 0, ("{\"channel\":\"" + RwtDialect.CHANNEL + "\"}").getBytes(StandardCharsets.UTF_8),
          SealOptions.json());
    } else {
      ready.complete(this);
    }
  }

  private void frame(OpenedFrame f) {
    switch (f.type()) {
      case MESSAGE, RESULT -> sink.payload(f.payload(), f.payload().length > 0 && f.payload()[0] == '"' ? 1 : 0);
      case SUBSCRIBED -> {
        synchronized (this) {
          channel = f.channel();
        }
        ready.complete(this);
      }
      case PING -> send(FrameType.PONG, 0, f.payload(), SealOptions.binary());
      case ERROR -> errors.accept("ERROR " + new String(f.payload(), StandardCharsets.UTF_8));
      default -> { }
    }
    if (f.type().isReliable()) {
      boolean due;
      synchronized (this) {
        if (unacked++ == 0) {
          firstUnackedAt = System.nanoTime();
        }
        due = unacked >= ACK_EVERY;
      }
      if (due) {
        ack();
      }
    }
  }

  /** Called by the dialect's tick: acknowledges when the oldest unacknowledged frame is 250 ms old. */
  void ackIfDue(long nowNanos) {
    synchronized (this) {
      if (unacked > 0 && nowNanos - firstUnackedAt >= ACK_WITHIN_NANOS) {
        ack();
      }
    }
  }

  /** Acknowledges what came in since the last ACK, if anything did. */
  private synchronized void ack() {
    if (unacked == 0 || session == null) {
      return;
    }
    unacked = 0;
    send(FrameType.ACK, 0, Bodies.u64(session.lastReceivedSeq()), SealOptions.binary());
  }

  @Override
  public void send(byte[] text) {
    if (rpc) {
      synchronized (this) {
        String call = "{\"id\":" + (++callId & 0xFFFFFFFFL) + ",\"method\":\"echo\",\"params\":\""
            + new String(text, StandardCharsets.US_ASCII) + "\"}";
        send(FrameType.CALL, 0, call.getBytes(StandardCharsets.US_ASCII), options);
      }
      return;
    }
    byte[] payload = text;
    if (role != Dialect.Role.FANOUT) {
      payload = new byte[text.length + 2];
      payload[0] = '"';
      System.arraycopy(text, 0, payload, 1, text.length);
      payload[payload.length - 1] = '"';
    }
    synchronized (this) {
      send(FrameType.MESSAGE, role == Dialect.Role.FANOUT ? channel : 0, payload, options);
    }
  }

  private synchronized void send(FrameType type, int ch, byte[] payload, SealOptions opts) {
    ws.sendBinary(session.sealNext(type, ch, payload, opts).bytes());
  }

  @Override
  public void closed(int code, String reason) {
    gone.accept(this);
    if (code != 1000 && code != 1001) {
      errors.accept("closed " + code + " " + reason);
    }
    ready.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
  }

  @Override
  public void close() {
    ws.close();
  }
}
