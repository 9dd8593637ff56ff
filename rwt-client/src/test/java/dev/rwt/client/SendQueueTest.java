package dev.rwt.client;

import static dev.rwt.client.ClientSessionTest.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames that wait in a connection's send queue (behind a write still in flight) get their
 * token when they leave it, in the epoch current then, against an in-memory server that shares
 * the client's clock.
 */
class SendQueueTest {
  private static final long INTERVAL_MS = 1000; // FakeServer's fixed rotation

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final FakeServer server = new FakeServer(60_000, clock::get);
  private RwtClient client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  private List<String> received(String session) {
    try {
      return server.received(session);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void framesQueuedAcrossAnEpochBoundaryAreSealedInTheEpochInWhichTheyLeave() throws Exception {
    client = server.client().clock(clock::get).build();
    await(client.connect());
    await(client.subscribe("up"));
    String session = client.getStatus().sessionId();

    server.stalled = true;
    await(client.send("up", 0)); // written, but its write does not complete: what follows waits
    eventually(() -> received(session).size() == 1, "the first message");
    List<CompletableFuture<SendResult>> queued = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      queued.add(client.send("up", i));
    }
    for (CompletableFuture<SendResult> f : queued) {
      await(f);
    }
    clock.addAndGet(2 * INTERVAL_MS); // the first message's epoch is now outside the server's window
    server.release();

    eventually(() -> received(session).size() == 4, "the queued messages");
    assertEquals(List.of("0", "1", "2", "3"), received(session));
    long first = server.receivedEpochs(session).get(0);
    assertEquals(List.of(first, first + 2, first + 2, first + 2), server.receivedEpochs(session));
    assertEquals(ConnectionState.OPEN, client.getStatus().state());
  }
}
