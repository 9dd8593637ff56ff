package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Plaintext;
import dev.rwt.protocol.SealOptions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSnapshotTest {

  private static final byte[] KEY = filled(32, 7);
  private static final byte[] PENDING = filled(32, 9);

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static Plaintext message(String json, boolean deflate) {
    SealOptions options = SealOptions.json().withMeta(Map.of("from", "alice", "ts", 1L)).encrypted();
    return Plaintext.prepare(json.getBytes(StandardCharsets.UTF_8), deflate ? options.deflated() : options);
  }

  private static SessionSnapshot snapshot() {
    return new SessionSnapshot("c2Vzc2lvbi1pZC0xMjM0NTY3", "alice", 1_700_000_000_000L, 42, 17, 3,
        Map.of("prices.eu", 1, "news", 3), KEY.clone(), PENDING.clone(),
        List.of(new Retained.Kept(40, FrameType.MESSAGE, 1, message("{\"n\":40}", false)),
            new Retained.Kept(41, FrameType.SUBSCRIBED, 3, Plaintext.prepare(new byte[] {'{', '}'}, SealOptions.json())),
            new Retained.Kept(42, FrameType.MESSAGE, 3, message("{\"n\":\"" + "x".repeat(500) + "\"}", true))))
        .at(new SessionSnapshot.LogMark("node-a", 12, 3_456));
  }

  private static void assertSameSnapshot(SessionSnapshot expected, SessionSnapshot actual) {
    assertEquals(expected.id(), actual.id());
    assertEquals(expected.principal(), actual.principal());
    assertEquals(expected.detachedAtMs(), actual.detachedAtMs());
    assertEquals(expected.lastSentSeq(), actual.lastSentSeq());
    assertEquals(expected.lastReceivedSeq(), actual.lastReceivedSeq());
    assertEquals(expected.lastSubscriptionId(), actual.lastSubscriptionId());
    assertEquals(expected.subscriptions(), actual.subscriptions());
    assertEquals(expected.mark(), actual.mark());
    assertArrayEquals(expected.resumeKey(), actual.resumeKey());
    assertArrayEquals(expected.pendingResumeKey(), actual.pendingResumeKey());
    assertEquals(expected.retained().size(), actual.retained().size());
    for (int i = 0; i < expected.retained().size(); i++) {
      Retained.Kept e = expected.retained().get(i);
      Retained.Kept a = actual.retained().get(i);
      assertEquals(e.seq(), a.seq());
      assertEquals(e.type(), a.type());
      assertEquals(e.channel(), a.channel());
      assertEquals(e.plaintext().flags(), a.plaintext().flags());
      assertEquals(e.plaintext().inflatedLength(), a.plaintext().inflatedLength());
      assertArrayEquals(e.plaintext().body(), a.plaintext().body());
    }
  }

  @Test
  void aSnapshotComesBackAsItWasEncoded() {
    SessionSnapshot snapshot = snapshot();
    byte[] encoded = snapshot.encode();
    SessionSnapshot back = SessionSnapshot.decode(encoded);
    assertSameSnapshot(snapshot, back);
    assertArrayEquals(encoded, back.encode(), "byte-exact round trip");
  }

  @Test
  void aDeflatedFrameKeepsItsFlagAndInflatedLength() {
    Retained.Kept deflated = SessionSnapshot.decode(snapshot().encode()).retained().get(2);
    assertTrue(deflated.plaintext().length() < deflated.plaintext().inflatedLength(), "still compressed");
  }

  @Test
  void aSessionWithoutPendingKeyOrFramesRoundTrips() {
    SessionSnapshot bare = new SessionSnapshot("id", "bob", 5, 0, 0, 0, Map.of(), KEY.clone(), null, List.of());
    SessionSnapshot back = SessionSnapshot.decode(bare.encode());
    assertSameSnapshot(bare, back);
    assertNull(back.pendingResumeKey());
  }

  @Test
  void aSessionHandedOverAndAdoptedGivesTheSameSnapshotBack() {
    SessionSnapshot snapshot = snapshot();
    ServerSession adopted = ServerSession.adopt(SessionSnapshot.decode(snapshot.encode()), new Sessions());
    assertEquals("alice", adopted.identity().id());
    assertEquals(ServerSession.State.DETACHED, adopted.state());
    assertEquals(17, adopted.lastReceivedSeq());
    assertEquals(List.of("news", "prices.eu"), adopted.subscribedChannels().stream().sorted().toList());

    SessionSnapshot again = adopted.handOver(1_800_000_000_000L);
    assertEquals(SessionSnapshot.LogMark.NONE, again.mark(), "the node that hands it over says where it stands");
    assertSameSnapshot(snapshot, again.at(snapshot.mark()));
    assertEquals(ServerSession.State.ENDED, adopted.state(), "handed over means ended here");
    assertNull(adopted.handOver(1_800_000_000_000L), "only once");
  }

  @Test
  void eraseZeroesBothResumeKeys() {
    SessionSnapshot snapshot = snapshot();
    snapshot.erase();
    assertArrayEquals(new byte[32], snapshot.resumeKey());
    assertArrayEquals(new byte[32], snapshot.pendingResumeKey());
  }

  @Test
  void toStringHidesTheKeys() {
    String text = snapshot().toString();
    assertFalse(text.contains(Arrays.toString(KEY)), text);
    assertTrue(text.contains("3 retained frames"), text);
  }

  @Test
  void anotherVersionIsRefused() {
    byte[] encoded = snapshot().encode();
    encoded[0] = 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionSnapshot.decode(encoded));
    assertEquals("session snapshot version 1, expected 2", e.getMessage());
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] encoded = snapshot().encode();
    for (int length = 0; length < encoded.length; length++) {
      byte[] cut = Arrays.copyOf(encoded, length);
      assertThrows(IllegalArgumentException.class, () -> SessionSnapshot.decode(cut), "cut at " + length);
    }
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] encoded = Arrays.copyOf(snapshot().encode(), snapshot().encode().length + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionSnapshot.decode(encoded));
    assertEquals("session snapshot has 1 bytes left over", e.getMessage());
  }

  @Test
  void framesOutOfSeqOrderAreRefused() {
    Plaintext body = Plaintext.prepare(new byte[] {1}, SealOptions.binary());
    SessionSnapshot disordered = new SessionSnapshot("id", "bob", 5, 9, 0, 0, Map.of(), KEY.clone(), null,
        List.of(new Retained.Kept(8, FrameType.MESSAGE, 1, body), new Retained.Kept(7, FrameType.MESSAGE, 1, body)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SessionSnapshot.decode(disordered.encode()));
    assertEquals("session snapshot frame seq 7 out of order", e.getMessage());
  }
}
