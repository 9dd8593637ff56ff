package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.api.spi.RwtBackplane;
import dev.rwt.impl.config.MapConfig;
import dev.rwt.impl.config.RwtSettings;
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
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM sharing a backplane that parks sessions in a map: no container, no network. */
class SessionHandoverTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final long TTL = 60_000;

  private final Grid grid = new Grid();
  private final Node a = new Node(grid, NOW);
  private final Node b = new Node(grid, NOW + 2_000);

  private static SessionSnapshot detachedAt(String id, long detachedAtMs) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 5);
    return new SessionSnapshot(id, "alice", detachedAtMs, 12, 7, 2, Map.of("news", 1, "prices", 2), key, null,
        List.of());
  }

  @Test
  void aParkedSessionResumesOnTheOtherNodeWithItsStateAndSubscriptions() {
    a.holds(detachedAt("s1", NOW - 10_000));

    a.handover.stopping(null);

    assertEquals(TTL - 10_000, grid.ttls.get("s1"), "what is left of the resume TTL");
    assertEquals(0, a.sessions.count(), "gone from the stopping node");
    assertEquals(List.of(), a.closed, "moved, not closed");
    ServerSession adopted = b.sessions.find("s1").orElseThrow();
    assertEquals("alice", adopted.identity().id());
    assertEquals(7, adopted.lastReceivedSeq());
    assertEquals(1, b.sessions.channels().count("news"));
    assertEquals(1, b.sessions.channels().count("prices"));
    assertTrue(grid.parked.isEmpty(), "claimed: no other node can take it");
  }

  @Test
  void aSessionCanBeClaimedOnce() {
    a.holds(detachedAt("s1", NOW));
    a.handover.stopping(null);
    Node c = new Node(grid, NOW);

    assertTrue(b.sessions.find("s1").isPresent());
    assertEquals(Optional.empty(), c.sessions.find("s1"));
  }

  @Test
  void aSessionWhoseResumeTtlRanOutIsNotParkedAndEnds() {
    a.holds(detachedAt("s1", NOW - TTL - 1));

    a.handover.stopping(null);

    assertTrue(grid.parked.isEmpty());
    assertEquals(List.of("s1 1001 EXPIRED"), a.closed);
  }

  @Test
  void aSessionTheGridRefusesEndsHereWith1001() {
    a.holds(detachedAt("s1", NOW));
    grid.refusing = true;

    a.handover.stopping(null);

    assertEquals(List.of("s1 1001 GOING_AWAY"), a.closed);
    assertEquals(0, a.sessions.count());
  }

  @Test
  void withoutABackplaneThatParksNothingMoves() {
    grid.parks = false;
    a.holds(detachedAt("s1", NOW));

    a.handover.stopping(null);

    assertEquals(1, a.sessions.count(), "left to expire here, as on a single node");
    assertEquals(Optional.empty(), b.sessions.find("s2"));
  }

  /** The data grid: one map every node's backplane shares. */
  static final class Grid {
    final Map<String, byte[]> parked = new ConcurrentHashMap<>();
    final Map<String, Long> ttls = new ConcurrentHashMap<>();
    volatile boolean parks = true;
    volatile boolean refusing;
  }

  /** One node: its sessions, its fan-out over the shared grid, its handover. */
  static final class Node {
    final Sessions sessions;
    final SessionHandover handover = new SessionHandover();
    final List<String> closed = new ArrayList<>();

    Node(Grid grid, long nowMs) {
      RwtSettings settings = RwtSettings.from(new MapConfig(Map.of(RwtSettings.RESUME_TTL_MS, Long.toString(TTL))));
      sessions = TestSessions.started(settings, Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC),
          e -> closed.add(e.session().id() + " " + e.code() + " " + e.reason()));
      ClusterFanout fanout = new ClusterFanout();
      TestSessions.node(sessions, handover, fanout, settings);
      fanout.open(new MapBackplane(grid));
    }

    void holds(SessionSnapshot snapshot) {
      assertTrue(sessions.adopt(ServerSession.adopt(snapshot, sessions)));
    }
  }

  static final class MapBackplane implements RwtBackplane {
    private final Grid grid;

    MapBackplane(Grid grid) {
      this.grid = grid;
    }

    @Override
    public boolean parksSessions() {
      return grid.parks;
    }

    @Override
    public void park(String sessionId, byte[] state, long ttlMs) {
      if (grid.refusing) {
        throw new IllegalStateException("grid unreachable");
      }
      grid.parked.put(sessionId, state.clone());
      grid.ttls.put(sessionId, ttlMs);
    }

    @Override
    public Optional<byte[]> claim(String sessionId) {
      return Optional.ofNullable(grid.parked.remove(sessionId));
    }

    @Override
    public void open(Receiver receiver) {}

    @Override
    public void publish(String channel, byte[] message) {}

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
