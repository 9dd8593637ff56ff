package dev.rwt.impl.session;

import dev.rwt.api.RwtIdentity;
import dev.rwt.api.RwtSessionClosed;
import dev.rwt.impl.channel.ChannelNames;
import dev.rwt.impl.channel.ChannelRegistry;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.ops.RwtMetrics;
import dev.rwt.protocol.CloseCode;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.SealOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every session on this node, attached or waiting for a resume, and what they share: the
 * channel registry, the payload codec, the settings. Thread-safe.
 */
@ApplicationScoped
public class Sessions {

  private static final Logger LOG = Logger.getLogger(Sessions.class.getName());
  private static final int SESSION_ID_BYTES = 18;
  /** The close reason of 4001 when the application token expired unrenewed (section 4.1). */
  static final String AUTH_EXPIRED = "auth expired";

  @Inject RwtSettings settings;
  @Inject Clock clock;
  @Inject SecureRandom random;
  @Inject Event<RwtSessionClosed> closedEvents;
  @Inject RwtMetrics metrics;
  @Inject SessionHandover handover;

  private final Map<String, ServerSession> byId = new ConcurrentHashMap<>();
  private final ChannelRegistry<ServerSession> channels = new ChannelRegistry<>();
  private final PayloadCodec codec = new PayloadCodec();
  private final AtomicLong messageIds = new AtomicLong();

  /** This bean's instance rather than its client proxy, and its metrics' (see {@link Connections#direct}). */
  Supplier<Sessions> direct() {
    metrics = metrics.direct().get();
    return () -> this;
  }

  /** A new session with a fresh unguessable id. */
  public ServerSession create(RwtIdentity identity) {
    byte[] raw = new byte[SESSION_ID_BYTES];
    random.nextBytes(raw);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    ServerSession session = new ServerSession(id, identity, this, clock.millis());
    byId.put(id, session);
    return session;
  }

  /**
   * The session called {@code id} if it exists and has not expired: on this node, or parked by
   * another node that stopped (then it is adopted and lives here from now on).
   */
  public Optional<ServerSession> find(String id) {
    ServerSession s = byId.get(id);
    if (s == null) {
      s = handover.claim(id).orElse(null);
    }
    if (s == null) {
      return Optional.empty();
    }
    if (s.state() == ServerSession.State.DETACHED && expired(s, clock.millis())) {
      end(s, CloseCode.GOING_AWAY, "EXPIRED");
      return Optional.empty();
    }
    return Optional.ofNullable(s.state() == ServerSession.State.ENDED ? null : s);
  }

  /**
   * Ends {@code session} for good: closes its connection with {@code code}, drops its
   * subscriptions and kept frames, and fires {@link RwtSessionClosed}. Idempotent.
   */
  public void end(ServerSession session, CloseCode code, String detail) {
    Link link = session.markEnded();
    if (link != null) {
      closeSocket(link, code, AUTH_EXPIRED.equals(detail) ? AUTH_EXPIRED : code.label());
    }
    if (!byId.remove(session.id(), session)) {
      return;
    }
    if (code == CloseCode.SLOW_CONSUMER) { // once: two senders may both find the buffer full
      metrics.rejected(code, detail, link == null ? null : link.socket().getId(), session.identity().id());
    }
    for (String channel : session.subscribedChannels()) {
      channels.remove(channel, session);
    }
    if (code != CloseCode.NORMAL) {
      LOG.fine(() -> "session " + session.id() + " ended: " + code.label() + " (" + detail + ")");
    }
    closedEvents.fire(new RwtSessionClosed(session, code.code(), "EXPIRED".equals(detail) ? detail : code.label()));
  }

  /**
   * Takes in a session another node handed over: from now on it is one of this node's, with
   * its subscriptions. Should a session of the same id already be here (ids are random, so
   * only a collision could do that), it keeps its place and the adopted one is refused.
   */
  boolean adopt(ServerSession session) {
    if (byId.putIfAbsent(session.id(), session) != null) {
      session.markEnded();
      return false;
    }
    for (String channel : session.subscribedChannels()) {
      channels.add(channel, session);
    }
    return true;
  }

  /**
   * Forgets a session that moved to another node ({@link ServerSession#handOver}): it did not
   * end, so no {@link RwtSessionClosed} is fired.
   */
  void release(ServerSession session) {
    if (byId.remove(session.id(), session)) {
      for (String channel : session.subscribedChannels()) {
        channels.remove(channel, session);
      }
    }
  }

  /** Closes a connection's socket with {@code code}; the session is handled by the caller. */
  public static void closeSocket(Link link, CloseCode code) {
    closeSocket(link, code, code.label());
  }

  /**
   * As {@link #closeSocket(Link, CloseCode)}, with the close reason PROTOCOL.md names for the
   * case. Frames already queued (an ERROR explaining the close, say) leave first — except for
   * a slow consumer, whose queue is what it could not take.
   */
  static void closeSocket(Link link, CloseCode code, String reason) {
    link.secure().destroy(); // what is queued is sealed already
    Runnable close = () -> {
      try {
        if (link.socket().isOpen()) {
          link.socket().close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), reason));
        }
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.FINEST, "close failed", e);
      }
    };
    if (code == CloseCode.SLOW_CONSUMER) {
      link.outbound().close();
      close.run();
    } else {
      link.outbound().closeAfterFlush(close);
    }
  }

  /** Ends every detached session whose resume TTL has passed. */
  public void expire() {
    long now = clock.millis();
    for (ServerSession s : byId.values()) {
      if (s.state() == ServerSession.State.DETACHED && expired(s, now)) {
        end(s, CloseCode.GOING_AWAY, "EXPIRED");
      }
    }
  }

  private boolean expired(ServerSession s, long now) {
    return now - s.detachedAtMs() > settings.resumeTtlMs();
  }

  /** Every session, for heartbeats and shutdown. */
  public Iterable<ServerSession> all() {
    return byId.values();
  }

  public int count() {
    return byId.size();
  }

  /** Bytes of unacknowledged frames kept, over every session: bounded by sessions x buffer-bytes. */
  public long retainedBytes() {
    long total = 0;
    for (ServerSession s : byId.values()) {
      total += s.retainedBytes();
    }
    return total;
  }

  // ---- shared by every session ------------------------------------------------------------

  public ChannelRegistry<ServerSession> channels() {
    return channels;
  }

  public PayloadCodec codec() {
    return codec;
  }

  public RwtSettings settings() {
    return settings;
  }

  RwtMetrics metrics() {
    return metrics;
  }

  /**
   * Hands {@code message} to every subscriber of {@code channel} on this node but
   * {@code except} (null for none), then counts the deliveries once for all of them
   * ({@code meta} holds the publish time). The subscribers' sends start together once all are
   * queued ({@link Outbound#fanOut}).
   */
  void fanOut(String channel, Plaintext message, Map<String, Object> meta, ServerSession except) {
    int[] delivered = {0};
    Outbound.fanOut(() -> channels.forEach(channel, s -> {
      if (s != except && s.deliver(channel, message)) {
        delivered[0]++;
      }
    }));
    delivered(channel, meta, delivered[0]);
  }

  /** Counts a MESSAGE handed to {@code subscribers} sessions; {@code meta} holds its publish time. */
  void delivered(String channel, Map<String, Object> meta, int subscribers) {
    metrics.delivered(channel, subscribers, meta.get("ts") instanceof Long ts ? clock.millis() - ts : 0);
  }

  public long now() {
    return clock.millis();
  }

  /** META of a server-to-client MESSAGE: {@code {"from", "id", "ts"}}. */
  public Map<String, Object> serverMeta(String from) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("from", from);
    meta.put("id", "m-" + Long.toString(messageIds.incrementAndGet(), 36));
    meta.put("ts", clock.millis());
    return meta;
  }

  /**
   * A MESSAGE body for every recipient of one publish, prepared once (META joined, DEFLATE
   * applied, {@code rwt.encryption.payloads} decided): each recipient only seals it.
   */
  Plaintext message(byte[] payload, boolean json, Map<String, Object> meta, boolean originEncrypted) {
    SealOptions base = (json ? SealOptions.json() : SealOptions.binary()).withMeta(meta);
    return Plaintext.prepare(payload, outgoing(base, originEncrypted));
  }

  /**
   * Applies {@code rwt.encryption.payloads} to an outgoing MESSAGE or RESULT: {@code always}
   * encrypts, {@code never} does not, {@code auto} follows the origin (a relayed client message
   * keeps the sender's choice, an RPC result its call's; server messages are authenticated, not
   * encrypted).
   */
  public SealOptions outgoing(SealOptions base, boolean originEncrypted) {
    return settings.encryption().encrypts(originEncrypted) ? base.encrypted() : base;
  }

  /**
   * @throws IllegalArgumentException when {@code channel} breaks the channel name rule
   */
  public void requireChannelName(String channel) {
    ChannelNames.require(channel);
  }
}
