package dev.rwt.impl.session;

import dev.rwt.api.RwtIdentity;
import dev.rwt.api.RwtSession;
import dev.rwt.protocol.CloseCode;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecretBytes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's side of one RWT session (PROTOCOL.md sections 3 and 6). It outlives a
 * connection: while detached it keeps its subscriptions, its keys' resume secret and the
 * reliable frames the client has not acknowledged, so that a resume loses and repeats nothing.
 *
 * <p>Thread-safe: every method may be called from any thread. Sending is guarded by this
 * object, so that seq numbers go on the wire in order; fan-out to different sessions runs in
 * parallel. Nothing here blocks on the network.
 */
public final class ServerSession implements RwtSession {

  enum State { ATTACHED, DETACHED, ENDED }

  private final String id;
  private final Sessions sessions;
  /** Created on first use: most sessions never have an attribute. */
  private volatile Map<String, Object> attributes;
  private volatile RwtIdentity identity;
  /** Held while a client frame is taken in and handled: one connection's frames at a time. */
  private final ReentrantLock inbound = new ReentrantLock();
  /** When the identity's credentials expire (section 4.1), Long.MAX_VALUE for never: read every tick. */
  private volatile long authExpiresAtMs;

  private final Subscriptions subscriptions = new Subscriptions(); // guarded by this
  private final Retained retained = new Retained(); // guarded by this
  private long lastSentSeq; // guarded by this
  private Link link; // guarded by this
  private State state = State.DETACHED; // guarded by this
  private SecretBytes resumeKey; // guarded by this: the key the client surely has
  private SecretBytes pendingResumeKey; // guarded by this: sent in the last WELCOME, not yet confirmed
  private long detachedAtMs; // guarded by this
  private long lastReceivedSeq; // guarded by this: the client's highest seq taken in, for resume

  /** A new session, detached until its first connection attaches (its TTL runs from now). */
  ServerSession(String id, RwtIdentity identity, Sessions sessions, long nowMs) {
    this.id = id;
    identity(identity);
    this.sessions = sessions;
    this.detachedAtMs = nowMs;
  }

  /**
   * A session moved here from another node ({@link #handOver(long)} there): detached, as it was
   * there, with its subscriptions, seq counters, resume keys and unacknowledged frames. Its
   * identity is the principal only, until the resuming client's handshake sets the fresh one.
   * The caller erases the snapshot's keys afterwards.
   */
  static ServerSession adopt(SessionSnapshot snapshot, Sessions sessions) {
    ServerSession s = new ServerSession(snapshot.id(), RwtIdentity.of(snapshot.principal()), sessions,
        snapshot.detachedAtMs());
    synchronized (s) {
      s.lastSentSeq = snapshot.lastSentSeq();
      s.lastReceivedSeq = snapshot.lastReceivedSeq();
      s.subscriptions.restore(snapshot.subscriptions(), snapshot.lastSubscriptionId());
      s.resumeKey = SecretBytes.copyOf(snapshot.resumeKey());
      s.pendingResumeKey = snapshot.pendingResumeKey() == null ? null : SecretBytes.copyOf(snapshot.pendingResumeKey());
      snapshot.retained().forEach(s.retained::add);
    }
    return s;
  }

  /**
   * For a move to another node: a snapshot of this session, and the session ended here in the
   * same step, so that nothing is sent or taken in on this node after what the snapshot holds.
   * Its connection, if any, is left to its owner to close. Null when the session has ended or
   * never completed a handshake.
   */
  synchronized SessionSnapshot handOver(long nowMs) {
    if (state == State.ENDED || resumeKey == null) {
      return null;
    }
    SessionSnapshot snapshot = new SessionSnapshot(id, identity.id(), state == State.DETACHED ? detachedAtMs : nowMs,
        lastSentSeq, lastReceivedSeq, subscriptions.lastId(), subscriptions.ids(), resumeKey.bytes(),
        pendingResumeKey == null ? null : pendingResumeKey.bytes(), retained.above(0));
    markEnded();
    return snapshot;
  }

  // ---- RwtSession ------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public RwtIdentity identity() {
    return identity;
  }

  @Override
  public Map<String, Object> attributes() {
    Map<String, Object> a = attributes;
    if (a == null) {
      synchronized (this) {
        a = attributes;
        if (a == null) {
          a = new ConcurrentHashMap<>();
          attributes = a;
        }
      }
    }
    return a;
  }

  @Override
  public synchronized Set<String> channels() {
    return subscriptions.names();
  }

  @Override
  public void send(String channel, Object payload) {
    subscribe(channel);
    Map<String, Object> meta = sessions.serverMeta(null);
    if (deliver(channel, sessions.message(sessions.codec().toJson(payload), true, meta, false))) {
      sessions.delivered(channel, meta, 1);
    }
  }

  @Override
  public void sendDirect(Object payload) {
    byte[] json = sessions.codec().toJson(payload);
    SealOptions options = sessions.outgoing(SealOptions.json().withMeta(sessions.serverMeta(null)), false);
    send(FrameType.MESSAGE, 0, json, options);
  }

  @Override
  public void subscribe(String channel) {
    sessions.requireChannelName(channel);
    OptionalInt added = addSubscription(channel);
    if (added.isPresent()) {
      sessions.channels().add(channel, this);
      send(FrameType.SUBSCRIBED, added.getAsInt(), sessions.codec().object("channel", channel), SealOptions.json());
    }
  }

  @Override
  public void unsubscribe(String channel, String reason) {
    int removed;
    synchronized (this) {
      OptionalInt sub = subscriptions.idOf(channel);
      if (sub.isEmpty()) {
        return;
      }
      removed = sub.getAsInt();
      subscriptions.remove(removed);
    }
    sessions.channels().remove(channel, this);
    byte[] body = reason == null ? sessions.codec().object() : sessions.codec().object("reason", reason);
    send(FrameType.UNSUBSCRIBED, removed, body, SealOptions.json());
  }

  @Override
  public synchronized boolean isConnected() {
    return state == State.ATTACHED;
  }

  @Override
  public void close() {
    sessions.end(this, CloseCode.NORMAL, "closed by the server");
  }

  // ---- subscriptions ---------------------------------------------------------------------

  /** The id of the subscription to {@code channel}, if there is one. */
  synchronized OptionalInt subscriptionId(String channel) {
    return subscriptions.idOf(channel);
  }

  synchronized String channelOf(int subscriptionId) {
    return subscriptions.nameOf(subscriptionId);
  }

  synchronized int subscriptionCount() {
    return subscriptions.size();
  }

  /** Adds a subscription; empty when it already existed. */
  private synchronized OptionalInt addSubscription(String channel) {
    if (subscriptions.idOf(channel).isPresent()) {
      return OptionalInt.empty();
    }
    int sid = subscriptions.add(channel);
    return sid < 0 ? OptionalInt.empty() : OptionalInt.of(sid);
  }

  /**
   * Handles SUBSCRIBE: the existing id when already subscribed, else a new one.
   *
   * @return the subscription id, or -1 when the id space is exhausted
   */
  int subscribeFromClient(String channel) {
    OptionalInt existing = subscriptionId(channel);
    int sid;
    if (existing.isPresent()) {
      sid = existing.getAsInt();
    } else {
      OptionalInt added = addSubscription(channel);
      if (added.isEmpty()) {
        return -1;
      }
      sid = added.getAsInt();
      sessions.channels().add(channel, this);
    }
    send(FrameType.SUBSCRIBED, sid, sessions.codec().object("channel", channel), SealOptions.json());
    return sid;
  }

  /** Handles UNSUBSCRIBE; false when the id is not one of this session's. */
  boolean unsubscribeFromClient(int subscriptionId) {
    String channel;
    synchronized (this) {
      channel = subscriptions.remove(subscriptionId);
    }
    if (channel == null) {
      return false;
    }
    sessions.channels().remove(channel, this);
    send(FrameType.UNSUBSCRIBED, subscriptionId, sessions.codec().object(), SealOptions.json());
    return true;
  }

  // ---- sending ---------------------------------------------------------------------------

  /**
   * Delivers a MESSAGE on {@code channel} if this session is subscribed to it (a publish that
   * raced an unsubscribe is simply not delivered). {@code message} is shared by every
   * recipient of the publish ({@link Sessions#message}). The caller counts the delivery
   * ({@link Sessions#delivered}).
   *
   * @return whether it was delivered (sent, or kept for a detached session)
   */
  boolean deliver(String channel, Plaintext message) {
    OptionalInt sid = subscriptionId(channel);
    if (sid.isEmpty()) {
      return false;
    }
    send(FrameType.MESSAGE, sid.getAsInt(), message);
    return true;
  }

  void send(FrameType type, int channel, byte[] payload, SealOptions options) {
    send(type, channel, Plaintext.prepare(payload, options));
  }

  /**
   * Numbers, keeps (when reliable) and sends one frame; it is sealed when it leaves the
   * connection's queue. While detached, reliable frames are only kept; unreliable ones are
   * dropped.
   *
   * @throws IllegalArgumentException when the frame cannot be sealed (its type or size)
   */
  void send(FrameType type, int channel, Plaintext plaintext) {
    CloseCode overflow = null;
    Outbound idle = null;
    synchronized (this) {
      if (state == State.ENDED) {
        return;
      }
      if (link != null) {
        link.secure().checkSealable(type, channel, plaintext);
      }
      long seq = ++lastSentSeq;
      if (type.isReliable()) {
        retained.add(new Retained.Kept(seq, type, channel, plaintext));
        if (retained.bytes() > sessions.settings().bufferBytes()) {
          overflow = CloseCode.SLOW_CONSUMER;
        }
      }
      if (overflow == null && link != null) {
        Outbound.Result queued = link.outbound().offer(new PendingFrame(link.secure(), type, channel, seq, plaintext));
        if (queued == Outbound.Result.FULL) {
          overflow = CloseCode.SLOW_CONSUMER;
        } else if (queued == Outbound.Result.IDLE) {
          idle = link.outbound();
        }
      }
    }
    if (idle != null) {
      idle.drainHere(); // outside the lock: the container may complete the send on this thread
    }
    if (overflow != null) {
      sessions.end(this, overflow, "unacknowledged frames over rwt.session.buffer-bytes");
    }
  }

  /** Releases kept frames the client acknowledged. */
  synchronized void acknowledged(long seq) {
    retained.release(seq);
  }

  synchronized long retainedBytes() {
    return retained.bytes();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /**
   * Attaches a connection ({@code provenKey} is the resume key the client proved, null for a
   * new session). On a resume, resends (sealed again under the new keys, with their
   * original seq, as they leave) the kept frames above {@code clientLastSeq}, then carries on
   * numbering.
   */
  synchronized void attach(Link newLink, SecretBytes provenKey, SecretBytes newResumeKey, long clientLastSeq) {
    link = newLink;
    state = State.ATTACHED;
    for (SecretBytes key : new SecretBytes[] {resumeKey, pendingResumeKey}) {
      if (key != null && key != provenKey) {
        key.destroy();
      }
    }
    // the client may never see this WELCOME (a cut during the handshake): until a frame under the
    // new keys proves it did, a resume may present a proof under either key
    resumeKey = provenKey == null ? newResumeKey : provenKey;
    pendingResumeKey = provenKey == null ? null : newResumeKey;
    retained.release(clientLastSeq);
    for (Retained.Kept k : retained.above(clientLastSeq)) {
      // the outbound bound is above the retained one, so these always fit
      link.outbound().enqueue(new PendingFrame(link.secure(), k.type(), k.channel(), k.seq(), k.plaintext()));
    }
  }

  /** Detaches {@code from} (if it is still the current link); the session waits for a resume. */
  synchronized boolean detach(Link from, long nowMs) {
    if (link != from || state != State.ATTACHED) {
      return false;
    }
    link = null;
    state = State.DETACHED;
    detachedAtMs = nowMs;
    return true;
  }

  /** Marks the session ended; returns the link to close, or null. Idempotent. */
  synchronized Link markEnded() {
    if (state == State.ENDED) {
      return null;
    }
    Link last = link;
    state = State.ENDED;
    link = null;
    retained.clear();
    for (SecretBytes key : new SecretBytes[] {resumeKey, pendingResumeKey}) {
      if (key != null) {
        key.destroy();
      }
    }
    return last;
  }

  synchronized List<String> subscribedChannels() {
    return List.copyOf(subscriptions.names());
  }

  synchronized Link link() {
    return link;
  }

  synchronized State state() {
    return state;
  }

  synchronized long detachedAtMs() {
    return detachedAtMs;
  }

  /** The resume keys a returning client may hold: the newest first. */
  synchronized List<SecretBytes> resumeKeys() {
    return java.util.stream.Stream.of(pendingResumeKey, resumeKey).filter(java.util.Objects::nonNull).toList();
  }

  /** The client's highest seq the server holds (WELCOME.lastSeq on resume). */
  synchronized long lastReceivedSeq() {
    return lastReceivedSeq;
  }

  /**
   * Takes in a client frame that arrived on {@code from} (see {@link #takeIn}) and, when it was
   * taken in, handles it, both under the session's inbound lock: a resume reads
   * {@link #lastReceivedSeq} only after {@link #awaitInbound}, so every frame it counts as
   * received has also been handled, and nothing the new connection brings can overtake it.
   *
   * @return whether the frame was taken in
   */
  boolean takeInAndHandle(Link from, long seq, Runnable handle) {
    inbound.lock();
    try {
      if (!takeIn(from, seq)) {
        return false;
      }
      handle.run();
      return true;
    } finally {
      inbound.unlock();
    }
  }

  /**
   * Waits until no frame of an earlier connection is being handled. Called by a resume after the
   * old link is detached (its frames are no longer taken in), before it reads lastSeq.
   */
  void awaitInbound() {
    inbound.lock();
    inbound.unlock();
  }

  /**
   * Takes in a client frame that arrived on {@code from}: the commit point after which the
   * frame counts as received (and is not asked for again on a resume). Refuses frames of a
   * connection that is no longer the session's — a half-open one that a resume replaced — and
   * any seq the session already has, so that nothing is applied twice.
   */
  synchronized boolean takeIn(Link from, long seq) {
    if (link != from || Long.compareUnsigned(seq, lastReceivedSeq) <= 0) {
      return false;
    }
    lastReceivedSeq = seq;
    if (pendingResumeKey != null) {
      // a frame under the new keys: the client has the new resume key
      resumeKey.destroy();
      resumeKey = pendingResumeKey;
      pendingResumeKey = null;
    }
    return true;
  }

  PayloadCodec codec() {
    return sessions.codec();
  }

  void identity(RwtIdentity refreshed) {
    this.authExpiresAtMs = refreshed.expiresAt().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
    this.identity = refreshed;
  }

  long authExpiresAtMs() {
    return authExpiresAtMs;
  }

  @Override
  public String toString() {
    return "ServerSession[" + id + ", " + identity.id() + "]";
  }
}
