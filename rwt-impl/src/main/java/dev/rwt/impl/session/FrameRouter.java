package dev.rwt.impl.session;

import dev.rwt.api.RwtIdentity;
import dev.rwt.api.spi.RwtAuthenticationException;
import dev.rwt.impl.channel.ChannelNames;
import dev.rwt.protocol.CloseCode;
import dev.rwt.protocol.ErrorCode;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SealOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each client frame type does once it has passed the protocol's checks (PROTOCOL.md
 * sections 3, 4.1 and 9). Valid JSON with wrong fields is answered with a non-fatal ERROR and
 * has no other effect; fatal problems throw {@link Connection.ConnectionFailure}. Stateless:
 * per-connection state lives in {@link Connection} and {@link ServerSession}.
 */
final class FrameRouter {

  void route(Connection connection, OpenedFrame frame) {
    ServerSession session = connection.session();
    if (frame.type() != FrameType.ACK && frame.type() != FrameType.PONG && !connection.takeToken(frame.seq())) {
      return;
    }
    switch (frame.type()) {
      case SUBSCRIBE -> subscribe(connection, session, frame);
      case UNSUBSCRIBE -> unsubscribe(session, frame);
      case MESSAGE -> message(connection, session, frame);
      case ACK -> session.acknowledged(frame.u64());
      case PING -> session.send(FrameType.PONG, 0, frame.payload(), SealOptions.binary());
      case PONG -> { }
      case CALL -> connection.context().dispatcher().call(connection, session, frame);
      case REFRESH -> refresh(connection, session, frame);
      default -> throw new Connection.ConnectionFailure(CloseCode.PROTOCOL, frame.type() + " from a client");
    }
  }

  private void subscribe(Connection connection, ServerSession session, OpenedFrame frame) {
    Map<?, ?> body = object(frame);
    if (body == null || !(body.get("channel") instanceof String channel)) {
      error(session, 0, ErrorCode.BAD_PARAMS, "SUBSCRIBE needs {\"channel\": name}", frame.seq());
      return;
    }
    if (!ChannelNames.isValid(channel)) {
      error(session, 0, ErrorCode.BAD_CHANNEL_NAME, "channel names are 1 to 100 of A-Z a-z 0-9 . _ : -", frame.seq());
      return;
    }
    if (!connection.context().authorizer().maySubscribe(session.identity(), channel)) {
      error(session, 0, ErrorCode.FORBIDDEN, "not allowed to subscribe to " + channel, frame.seq());
      return;
    }
    boolean known = session.subscriptionId(channel).isPresent();
    if (!known && session.subscriptionCount() >= connection.context().settings().maxSubscriptions()) {
      error(session, 0, ErrorCode.TOO_MANY_SUBSCRIPTIONS,
          "at most " + connection.context().settings().maxSubscriptions() + " subscriptions", frame.seq());
      return;
    }
    if (session.subscribeFromClient(channel) < 0) {
      error(session, 0, ErrorCode.TOO_MANY_SUBSCRIPTIONS, "subscription ids used up", frame.seq());
    }
  }

  private void unsubscribe(ServerSession session, OpenedFrame frame) {
    if (!session.unsubscribeFromClient(frame.channel())) {
      error(session, frame.channel(), ErrorCode.NO_SUCH_CHANNEL, "no subscription " + frame.channel(), frame.seq());
    }
  }

  private void message(Connection connection, ServerSession session, OpenedFrame frame) {
    if (!connection.context().settings().encryption().admits(frame.has(RwtWire.FLAG_ENC))) {
      error(session, frame.channel(), ErrorCode.FORBIDDEN, "this server accepts encrypted messages only", frame.seq());
      return;
    }
    MessageDispatcher dispatcher = connection.context().dispatcher();
    if (frame.channel() == 0) {
      dispatcher.message(new InboundMessage(null, session, frame));
      return;
    }
    String channel = session.channelOf(frame.channel());
    if (channel == null) {
      error(session, frame.channel(), ErrorCode.NO_SUCH_CHANNEL, "no subscription " + frame.channel(), frame.seq());
      return;
    }
    dispatcher.message(new InboundMessage(channel, session, frame));
    if (connection.context().authorizer().mayPublish(session.identity(), channel)) {
      dispatcher.relay(channel, session, frame);
    }
  }

  private void refresh(Connection connection, ServerSession session, OpenedFrame frame) {
    Map<?, ?> body = object(frame);
    if (body == null || !(body.get("auth") instanceof String token)) {
      error(session, 0, ErrorCode.BAD_PARAMS, "REFRESH needs {\"auth\": token}", frame.seq());
      return;
    }
    RwtIdentity renewed;
    try {
      renewed = connection.context().authenticator().authenticate(token);
    } catch (RwtAuthenticationException e) {
      throw new Connection.ConnectionFailure(CloseCode.UNAUTHENTICATED, "REFRESH: " + e.getMessage());
    }
    if (!renewed.id().equals(session.identity().id())) {
      throw new Connection.ConnectionFailure(CloseCode.FORBIDDEN, "REFRESH for another principal");
    }
    session.identity(renewed);
    Long exp = renewed.expiresAt().map(i -> i.toEpochMilli()).orElse(null);
    session.send(FrameType.REFRESHED, 0, connection.context().sessions().codec().object("authExp", exp), SealOptions.json());
    for (String channel : session.subscribedChannels()) {
      if (!connection.context().authorizer().maySubscribe(renewed, channel)) {
        session.unsubscribe(channel, ErrorCode.FORBIDDEN.wireName());
      }
    }
    connection.context().dispatcher().refreshed(session);
  }

  private static Map<?, ?> object(OpenedFrame frame) {
    if (!frame.has(RwtWire.FLAG_JSON)) {
      return null;
    }
    return frame.json() instanceof Map<?, ?> m ? m : null;
  }

  /** Sends a non-fatal ERROR frame; {@code ref} is the seq of the client frame concerned, -1 for none. */
  static void error(ServerSession session, int channel, ErrorCode code, String message, long ref) {
    error(session, channel, code, message, ref, -1);
  }

  static void error(ServerSession session, int channel, ErrorCode code, String message, long ref, long retryAfterMs) {
    error(session, channel, code.wireName(), message, ref, retryAfterMs);
  }

  /** An ERROR with an application's own code string (from an {@code RwtException}). */
  static void error(ServerSession session, int channel, String code, String message, long ref, long retryAfterMs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    if (ref >= 0) {
      body.put("ref", ref);
    }
    if (retryAfterMs >= 0) {
      body.put("retryAfterMs", retryAfterMs);
    }
    session.send(FrameType.ERROR, channel, Json.write(body), SealOptions.json());
  }
}
