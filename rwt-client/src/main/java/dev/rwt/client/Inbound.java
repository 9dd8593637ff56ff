package dev.rwt.client;

import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.RwtWire;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Frames in: what each server frame does once rwt-protocol has opened it (token, epoch, seq,
 * body checked). Runs on the socket's thread under the session lock; everything the
 * application sees is queued as an event, never run here.
 */
final class Inbound {
  private final ClientCore core;

  Inbound(ClientCore core) {
    this.core = core;
  }

  void handle(Connection c, OpenedFrame f) {
    if (!core.delivery.isNew(f.seq())) {
      core.stats.duplicatesDropped++;
      return;
    }
    core.delivery.received(f.seq());
    if (core.acks != null) {
      core.acks.received(f.seq(), f.type().isReliable());
    }
    switch (f.type()) {
      case ACK -> core.outbox.acknowledged(f.u64());
      case PING -> core.outbox.sendPong(c, f.payload());
      case PONG -> core.stats.latencyMs = Math.max(0, core.now() - f.u64());
      case MESSAGE -> message(f);
      case SUBSCRIBED -> subscribed(f);
      case UNSUBSCRIBED -> unsubscribed(f);
      case REFRESHED -> refreshed(c, f);
      case RESULT -> result(f);
      case ERROR -> error(f);
      default -> { } // the protocol layer lets through only server frame types
    }
  }

  private void message(OpenedFrame f) {
    String name = f.channel() == 0 ? null : core.channels.nameOf(f.channel());
    if (f.channel() != 0 && name == null) {
      core.events.emit(RwtEvents.SECURITY_WARNING, new RwtEvents.SecurityWarning("UNKNOWN_CHANNEL",
          "message on unknown channel id " + f.channel() + " (seq " + f.seq() + ")"));
      return;
    }
    core.stats.messagesReceived++;
    boolean json = f.has(RwtWire.FLAG_JSON);
    ReceivedMessage m = new ReceivedMessage(name, f.channel(), json ? f.json() : f.payload(), !json, f.payload(),
        f.meta(), f.seq(), f.has(RwtWire.FLAG_ENC), f.has(RwtWire.FLAG_DEFLATE), core.now());
    core.events.emit(RwtEvents.MESSAGE, m);
    if (name != null) {
      core.events.emit("message:" + name, m);
    }
  }

  private void subscribed(OpenedFrame f) {
    if (!(body(f).get("channel") instanceof String name)) {
      return;
    }
    core.outbox.subscribeAnswered(name);
    core.channels.subscribed(f.channel(), name);
    core.events.emit(RwtEvents.SUBSCRIBED, new RwtEvents.SubscriptionChange(name, f.channel(), null));
  }

  private void unsubscribed(OpenedFrame f) {
    String name = core.channels.unsubscribed(f.channel());
    if (name != null) {
      Object reason = body(f).get("reason");
      core.events.emit(RwtEvents.UNSUBSCRIBED,
          new RwtEvents.SubscriptionChange(name, f.channel(), reason instanceof String s ? s : null));
    }
  }

  private void refreshed(Connection c, OpenedFrame f) {
    Long exp = body(f).get("authExp") instanceof Long l ? l : null;
    if (core.session != null) {
      core.session.authExp = exp;
    }
    core.events.emit(RwtEvents.AUTH_REFRESH, new RwtEvents.AuthRefresh(exp));
    core.heartbeat.scheduleRefresh(c);
  }

  private void result(OpenedFrame f) {
    Map<?, ?> body = body(f);
    if (body.get("id") instanceof Long id) {
      core.outbox.forgetCall(id);
    }
    core.calls.settle(body);
  }

  private void error(OpenedFrame f) {
    Map<?, ?> body = body(f);
    String code = body.get("code") instanceof String s ? s : "INTERNAL";
    String message = body.get("message") instanceof String s ? s : code;
    Long retry = body.get("retryAfterMs") instanceof Long l ? l : null;
    Long refSeq = body.get("ref") instanceof Long l ? l : null;
    Outbox.Ref ref = refSeq == null ? null : core.outbox.takeRef(refSeq);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ref", refSeq);
    String channel = ref != null ? ref.name() : core.channels.nameOf(f.channel());
    details.put("channel", channel);
    if (ref != null && "subscribe".equals(ref.kind())) {
      core.outbox.subscribeAnswered(ref.name());
      RwtException e = new RwtException(message, code, "subscribe", details, null, retry, null);
      core.channels.refused(ref.name(), e);
      core.events.emit(RwtEvents.ERROR, e);
    } else if (ref != null && "call".equals(ref.kind())) {
      core.calls.fail(ref.callId(), new RwtException(message, code, "call", details, null, retry, null));
    } else if (ref != null) {
      core.events.emit(RwtEvents.ERROR, new RwtSendException(message, code, "send", details, null, retry, null));
    } else {
      core.events.emit(RwtEvents.ERROR, new RwtException(message, code, "server", details, null, retry, null));
    }
  }

  private static Map<?, ?> body(OpenedFrame f) {
    return f.json() instanceof Map<?, ?> m ? m : Map.of();
  }
}

