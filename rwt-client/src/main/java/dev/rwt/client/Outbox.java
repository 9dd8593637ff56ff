package dev.rwt.client;

import dev.rwt.protocol.Bodies;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecureSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Frames out: gives a frame its seq, keeps it when reliable, and queues it on the socket, all
 * under the session lock so that seqs are given in queue order; the frame is sealed when it
 * leaves that queue ({@link SendQueue}). While the client is reconnecting,
 * reliable frames wait in a queue ({@link SendOptions.Priority#HIGH} first) and leave once the
 * connection is back. Also remembers which seq carried which SUBSCRIBE, CALL or MESSAGE, to
 * explain an ERROR that refers to it. Never blocks.
 */
final class Outbox {
  /** A frame to seal; {@code channelName} is set for a MESSAGE on a named channel (id resolved late). */
  record Spec(FrameType type, int channel, String channelName, byte[] payload, SealOptions options, String operation) {}

  /** A frame given its seq and queued on the socket (sealed when it leaves). */
  record Sealed(long seq, int bytes, boolean encrypted, boolean compressed) {}

  private record Queued(Spec spec, SendOptions.Priority priority, long order, CompletableFuture<Sealed> future) {}

  /** Why a seq was sent: a SUBSCRIBE for {@code name}, or a CALL with {@code callId}. */
  record Ref(String kind, String name, long callId) {}

  private final ClientCore core;
  private final List<Queued> queued = new ArrayList<>();
  private long order;
  private final Map<Long, Ref> refs = new HashMap<>();
  private final TreeMap<Long, String> messageRefs = new TreeMap<>();
  private final Map<String, Long> subscribeInFlight = new LinkedHashMap<>();

  Outbox(ClientCore core) {
    this.core = core;
  }

  /** Seals and sends now, or queues until the connection is back. Under the lock. */
  CompletableFuture<Sealed> send(Spec spec, SendOptions.Priority priority) {
    ConnectionState st = core.state;
    if (st == ConnectionState.OPEN && core.connection != null) {
      try {
        return CompletableFuture.completedFuture(sendNow(core.connection, spec));
      } catch (RwtException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    if (st == ConnectionState.IDLE || st == ConnectionState.CLOSED || st == ConnectionState.CLOSING
        || !spec.type().isReliable()) {
      return CompletableFuture.failedFuture(Failures.disconnected(spec.operation()));
    }
    CompletableFuture<Sealed> f = new CompletableFuture<>();
    queued.add(new Queued(spec, priority, order++, f));
    return f;
  }

  private Sealed sendNow(Connection c, Spec spec) {
    SecureSession s = c.session();
    Plaintext p;
    try {
      p = Plaintext.prepare(spec.payload(), spec.options());
    } catch (IllegalArgumentException e) {
      throw new RwtEncodingException(e.getMessage(), "ENCODING", spec.operation(), null, null, null, e);
    }
    boolean reliable = spec.type().isReliable();
    if (reliable) {
      core.delivery.ensureRoom(p.length());
    }
    long seq;
    try {
      s.checkSealable(spec.type(), spec.channel(), p);
    } catch (IllegalArgumentException e) {
      throw new RwtSendException(e.getMessage(), "TOO_LARGE", spec.operation(),
          Map.of("maxFrameBytes", s.maxFrameBytes()), null, null, e);
    }
    seq = s.nextSeq();
    if (reliable) {
      core.delivery.keep(new DeliveryState.Kept(seq, spec.type(), spec.channel(), p));
    }
    core.delivery.sent(seq);
    boolean deflated = (p.flags() & RwtWire.FLAG_DEFLATE) != 0;
    if (deflated) {
      core.stats.deflatedIn += p.inflatedLength();
      core.stats.deflatedOut += p.length();
    }
    SendQueue.Frame frame = frame(s, spec.type(), spec.channel(), seq, p);
    c.transmit(frame);
    return new Sealed(seq, frame.length(), spec.options().isEncrypt(), deflated);
  }

  /**
   * A frame with its seq fixed now and its token made when it leaves the socket's queue, in
   * the epoch current then (its wait in the queue never expires it).
   */
  static SendQueue.Frame frame(SecureSession s, FrameType type, int channel, long seq, Plaintext p) {
    return new SendQueue.Frame() {
      @Override
      public int length() {
        return RwtWire.HEADER_LENGTH + p.length();
      }

      @Override
      public byte[] seal() {
        return s.seal(type, channel, seq, p);
      }
    };
  }

  /** Sends what waited for the connection, HIGH priority first. Under the lock. */
  void drainQueued() {
    List<Queued> all = new ArrayList<>(queued);
    queued.clear();
    all.sort(Comparator.comparing(Queued::priority).thenComparingLong(Queued::order));
    for (Queued q : all) {
      if (q.spec().channelName() != null) {
        sendOnChannel(q.spec(), q.priority()).whenComplete((v, e) -> complete(q.future(), v, e));
      } else {
        send(q.spec(), q.priority()).whenComplete((v, e) -> complete(q.future(), v, e));
      }
    }
  }

  private static void complete(CompletableFuture<Sealed> f, Sealed v, Throwable e) {
    if (e != null) {
      f.completeExceptionally(Failures.unwrap(e));
    } else {
      f.complete(v);
    }
  }

  /** A MESSAGE on a named channel: subscribes first when needed. Under the lock. */
  CompletableFuture<Sealed> sendOnChannel(Spec spec, SendOptions.Priority priority) {
    String name = spec.channelName();
    Integer id = core.channels.idOf(name);
    if (core.state != ConnectionState.OPEN && core.state != ConnectionState.IDLE
        && core.state != ConnectionState.CLOSED && core.state != ConnectionState.CLOSING) {
      return send(spec, priority); // queued with its name; the id is resolved when it leaves
    }
    CompletableFuture<Integer> channelId = id != null ? CompletableFuture.completedFuture(id) : subscribe(name, null);
    return channelId.thenCompose(cid -> {
      synchronized (core.lock) {
        Spec resolved = new Spec(spec.type(), cid, null, spec.payload(), spec.options(), spec.operation());
        return send(resolved, priority).thenApply(sealed -> {
          synchronized (core.lock) {
            messageRefs.put(sealed.seq(), name);
          }
          return sealed;
        });
      }
    });
  }

  /** Wants a channel and asks the server when connected. Under the lock. */
  CompletableFuture<Integer> subscribe(String name, String token) {
    if (core.state == ConnectionState.IDLE || core.state == ConnectionState.CLOSED
        || core.state == ConnectionState.CLOSING) {
      ChannelRegistry.checkName(name);
      return CompletableFuture.failedFuture(Failures.disconnected("subscribe"));
    }
    CompletableFuture<Integer> f = core.channels.want(name, token);
    if (core.state == ConnectionState.OPEN) {
      requestSubscribe(name);
    }
    return f;
  }

  /** Sends SUBSCRIBE for a wanted channel unless one is in flight. Under the lock. */
  void requestSubscribe(String name) {
    if (subscribeInFlight.containsKey(name) || core.channels.isActive(name)) {
      return;
    }
    subscribeInFlight.put(name, 0L);
    String token = core.channels.tokenOf(name);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", name);
    if (token != null) {
      body.put("token", token);
    }
    Spec spec = new Spec(FrameType.SUBSCRIBE, 0, null, Json.write(body), options(true, null), "subscribe");
    send(spec, SendOptions.Priority.HIGH).whenComplete((sealed, e) -> {
      synchronized (core.lock) {
        if (e != null) {
          subscribeInFlight.remove(name);
          core.channels.refused(name, Failures.wrap(e, "subscribe"));
        } else {
          subscribeInFlight.put(name, sealed.seq());
          refs.put(sealed.seq(), new Ref("subscribe", name, 0));
        }
      }
    });
  }

  /** SUBSCRIBED arrived for {@code name}. Under the lock. */
  void subscribeAnswered(String name) {
    Long seq = subscribeInFlight.remove(name);
    if (seq != null) {
      refs.remove(seq);
    }
  }

  /** Sends CALL; {@code result} completes with the RESULT. Under the lock. */
  void call(long callId, String method, Object params, boolean encrypt, CompletableFuture<Object> result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", callId);
    body.put("method", method);
    if (params != null) {
      body.put("params", params);
    }
    byte[] json;
    try {
      json = Json.write(body);
    } catch (IllegalArgumentException e) {
      core.calls.fail(callId, new RwtEncodingException("params are not a JSON value: " + e.getMessage(), "ENCODING",
          "call", null, null, null, e));
      return;
    }
    send(new Spec(FrameType.CALL, 0, null, json, options(encrypt, json.length), "call"), SendOptions.Priority.NORMAL)
        .whenComplete((sealed, e) -> {
          if (e != null) {
            core.calls.fail(callId, Failures.wrap(e, "call"));
          } else {
            synchronized (core.lock) {
              refs.put(sealed.seq(), new Ref("call", null, callId));
            }
          }
        });
  }

  /** A reliable control frame on channel 0 (REFRESH); failures become error events. Under the lock. */
  void sendControl(FrameType type, byte[] json, String operation) {
    send(new Spec(type, 0, null, json, options(true, null), operation), SendOptions.Priority.HIGH)
        .whenComplete((s, e) -> {
          if (e != null) {
            core.events.emit(RwtEvents.ERROR, Failures.wrap(e, operation));
          }
        });
  }

  /** UNSUBSCRIBE on an id. Under the lock. */
  CompletableFuture<Sealed> unsubscribe(int id) {
    return send(new Spec(FrameType.UNSUBSCRIBE, id, null, new byte[0], SealOptions.binary(), "unsubscribe"),
        SendOptions.Priority.HIGH);
  }

  void sendAck(Connection c, long seq) {
    unreliable(c, FrameType.ACK, Bodies.u64(seq));
  }

  void sendPing(Connection c) {
    unreliable(c, FrameType.PING, Bodies.u64(core.now()));
  }

  void sendPong(Connection c, byte[] body) {
    unreliable(c, FrameType.PONG, body);
  }

  private void unreliable(Connection c, FrameType type, byte[] body) {
    if (core.connection == c && !c.isClosed() && c.session() != null) {
      sendNow(c, new Spec(type, 0, null, body, SealOptions.binary(), "send"));
    }
  }

  /** SealOptions for a JSON control frame: encrypted when payload encryption is on. */
  SealOptions options(boolean encrypt, Integer size) {
    SealOptions o = SealOptions.json();
    return encrypt && core.config.encryptPayloads() ? o.encrypted() : o;
  }

  /** The peer acknowledged up to {@code seq}. Under the lock. */
  void acknowledged(long seq) {
    core.delivery.acknowledge(seq);
    messageRefs.headMap(seq, true).clear();
  }

  Ref takeRef(long seq) {
    Ref r = refs.remove(seq);
    if (r == null && messageRefs.containsKey(seq)) {
      r = new Ref("message", messageRefs.get(seq), 0);
    }
    return r;
  }

  void forgetCall(long callId) {
    refs.values().removeIf(r -> "call".equals(r.kind()) && r.callId() == callId);
  }

  /** A fresh session: seqs of the old one mean nothing. */
  void forgetRefs() {
    refs.clear();
    messageRefs.clear();
    subscribeInFlight.clear();
  }

  int queuedCount() {
    return queued.size();
  }

  void failAll(RwtException error) {
    List<Queued> all = new ArrayList<>(queued);
    queued.clear();
    all.forEach(q -> q.future().completeExceptionally(error));
    forgetRefs();
  }
}
