package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.api.spi.RwtBackplane;
import dev.rwt.impl.config.MapConfig;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.ops.TestMetrics;
import dev.rwt.protocol.FrameType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A session moves from node A to node B while both publish: B replays from the backplane's log
 * what was published after the place A left the session at, minus what A had delivered to it,
 * and a session whose place has left the log is refused (its client starts a new session). Two
 * nodes in one JVM over an in-memory log with a capacity; each node's reader is driven by the
 * test, so every interleaving below is exact.
 */
class MovingSessionReplayTest {

  private static final long NOW = 1_700_000_000_000L;

  private final Log log = new Log(8);
  private final Node a = new Node(log);
  private final Node b = new Node(log);

  @Test
  void whatWasPublishedWhileTheSessionMovedIsReplayedOnceInOrderBeforeLiveTraffic() {
    a.holdsSubscriberOf("news");
    b.publish("news", 1);
    b.publish("news", 2);
    a.readAll(); // A delivers 1, 2 from B
    a.publish("news", 3); // A delivers 3 itself; in the log, not yet read back by A
    b.publish("news", 4); // in the log, not read by A: its place is before it
    a.publish("other", 99); // not the session's channel

    a.handover.stopping(null);
    a.publish("news", 5); // A's, after the session left: A never delivered it
    b.publish("news", 6);
    b.readAll();

    ServerSession moved = b.sessions.find("s1").orElseThrow();
    b.publish("news", 7); // live, after the replay

    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), numbers(moved));
    assertEquals(1, b.sessions.channels().count("news"));
  }

  @Test
  void messagesTheOldNodeReadBeforeTheMoveAreNotReplayed() {
    a.holdsSubscriberOf("news");
    b.publish("news", 1);
    b.publish("news", 2);
    a.readAll();

    a.handover.stopping(null);
    b.readAll();

    assertEquals(List.of(1, 2), numbers(b.sessions.find("s1").orElseThrow()));
  }

  @Test
  void aSessionWhosePlaceHasLeftTheLogIsRefusedAndEnds() {
    a.holdsSubscriberOf("news");
    a.handover.stopping(null);
    for (int n = 1; n <= 9; n++) {
      b.publish("news", n); // one more than the log keeps
    }
    b.readAll();

    assertEquals(Optional.empty(), b.sessions.find("s1"), "its client gets a new session, resumed: false");
    assertEquals(0, b.sessions.count());
    assertEquals(0, b.sessions.channels().count("news"));
    assertTrue(log.parked.isEmpty(), "claimed: it resumes nowhere else either");
  }

  @Test
  void aNodeThatHasNotReadUpToTheSessionsPlaceRefusesIt() {
    b.fanout.catchUpMs = 50;
    b.publish("news", 1);
    a.readAll();
    a.holdsSubscriberOf("news");
    a.publish("news", 2);
    a.readAll();
    a.handover.stopping(null); // at A's place, past B's own 1 and A's 2: B has read neither

    assertEquals(Optional.empty(), b.sessions.find("s1"), "it would deliver 2 a second time, or miss it");
    assertEquals(0, b.sessions.count());
  }

  @Test
  void aNodeWhoseOwnPublishesHaveNotComeBackYetWaitsForThemRatherThanMissThem() {
    b.fanout.catchUpMs = 50;
    a.holdsSubscriberOf("news");
    a.handover.stopping(null);
    b.publish("news", 1); // delivered on B to no one: the session is not there yet
    // B has not read its own message back: it cannot tell whether it comes before its place

    assertEquals(Optional.empty(), b.sessions.find("s1"));
  }

  private static final Pattern N = Pattern.compile("\"n\":(\\d+)");

  /** The numbers of the MESSAGE frames {@code session} holds for its client, in seq order. */
  private static List<Integer> numbers(ServerSession session) {
    List<Integer> numbers = new ArrayList<>();
    for (Retained.Kept k : session.handOver(NOW).retained()) {
      if (k.type() == FrameType.MESSAGE) {
        Matcher m = N.matcher(new String(k.plaintext().body(), StandardCharsets.UTF_8));
        assertTrue(m.find(), "a payload {\"n\": ...}");
        numbers.add(Integer.parseInt(m.group(1)));
      }
    }
    return numbers;
  }

  /** The backplane's log, shared by the nodes, and the map they park sessions in. */
  static final class Log {
    final int capacity;
    final List<byte[]> entries = new ArrayList<>(); // position = index; the oldest beyond capacity are gone
    final Map<String, byte[]> parked = new ConcurrentHashMap<>();

    Log(int capacity) {
      this.capacity = capacity;
    }

    synchronized void append(byte[] message) {
      entries.add(message);
    }

    synchronized long tail() {
      return entries.size() - 1;
    }

    synchronized long head() {
      return Math.max(0, entries.size() - capacity);
    }

    synchronized byte[] at(long position) {
      if (position < head()) {
        throw new IllegalStateException("position " + position + " overwritten");
      }
      return entries.get((int) position);
    }
  }

  /** One node: its sessions, its fan-out over the shared log, its handover, its reader. */
  static final class Node implements RwtBackplane {
    final Log log;
    final Sessions sessions;
    final SessionHandover handover = new SessionHandover();
    final ClusterFanout fanout = new ClusterFanout();
    private Receiver receiver;
    private long read;

    Node(Log log) {
      this.log = log;
      RwtSettings settings = RwtSettings.from(new MapConfig(Map.of()));
      sessions = TestSessions.started(settings, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), e -> { });
      TestSessions.node(sessions, handover, fanout, settings);
      sessions.metrics = TestMetrics.started(settings, sessions, fanout, sessions.clock);
      fanout.open(this);
    }

    /** Session s1, detached, subscribed to {@code channel}: as a client's session waits for a resume. */
    void holdsSubscriberOf(String channel) {
      byte[] key = new byte[32];
      Arrays.fill(key, (byte) 5);
      SessionSnapshot snapshot =
          new SessionSnapshot("s1", "alice", NOW, 0, 0, 1, Map.of(channel, 1), key, null, List.of());
      assertTrue(sessions.adopt(ServerSession.adopt(snapshot, sessions)));
    }

    /** Publishes {@code {"n": n}} from a bean of this node, as MessageDispatcher does. */
    void publish(String channel, int n) {
      byte[] payload = ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
      Map<String, Object> meta = sessions.serverMeta(null);
      var message = sessions.message(payload, true, meta, false);
      fanout.publish(channel, payload, true, false, meta,
          () -> sessions.fanOut(channel, message, meta, null));
    }

    /** This node's reader takes in everything the log still has that it has not read yet. */
    void readAll() {
      read = Math.max(read, log.head());
      for (long tail = log.tail(); read <= tail; read++) {
        receiver.receive(log.at(read), read);
      }
    }

    @Override
    public void open(Receiver r) {
      receiver = r;
      read = log.tail() + 1;
      r.startsAfter(log.tail());
    }

    @Override
    public void publish(String channel, byte[] message) {
      log.append(message);
    }

    @Override
    public boolean replays() {
      return receiver != null; // as an adapter that can tell only once open
    }

    @Override
    public void replay(long after, long upTo, Consumer<byte[]> to) {
      for (long p = after + 1; p <= upTo; p++) {
        to.accept(log.at(p));
      }
    }

    @Override
    public boolean parksSessions() {
      return true;
    }

    @Override
    public void park(String sessionId, byte[] state, long ttlMs) {
      log.parked.put(sessionId, state.clone());
    }

    @Override
    public Optional<byte[]> claim(String sessionId) {
      return Optional.ofNullable(log.parked.remove(sessionId));
    }

    @Override
    public String nodeId() {
      return "node";
    }

    @Override
    public Set<String> members() {
      return Set.of("node");
    }

    @Override
    public void close() {}
  }
}
