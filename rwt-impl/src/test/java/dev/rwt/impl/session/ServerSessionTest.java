package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.api.RwtIdentity;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerSessionTest {

  private final ServerSession session = new ServerSession("s1", RwtIdentity.of("alice"), new Sessions(), 0);

  @Test
  void aResumeWaitsForTheFrameTheOldConnectionIsStillHandling() throws Exception {
    CountDownLatch handling = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    Thread oldReader = new Thread(() -> session.takeInAndHandle(null, 49, () -> {
      handling.countDown();
      awaitQuietly(release);
      order.add("49 handled");
    }));
    oldReader.start();
    assertTrue(handling.await(10, TimeUnit.SECONDS));
    assertEquals(49, session.lastReceivedSeq(), "taken in: a resume will not ask for it again");

    Thread resume = new Thread(() -> {
      session.awaitInbound();
      order.add("resume reads lastSeq " + session.lastReceivedSeq());
    });
    resume.start();
    for (int i = 0; i < 1000 && resume.getState() != Thread.State.WAITING; i++) {
      Thread.sleep(10);
    }
    assertEquals(Thread.State.WAITING, resume.getState(), "the resume waits for the old reader");
    release.countDown();
    oldReader.join(10_000);
    resume.join(10_000);
    assertEquals(List.of("49 handled", "resume reads lastSeq 49"), order);
  }

  @Test
  void aFrameAlreadyTakenInIsNotHandledAgain() {
    List<Long> handled = new CopyOnWriteArrayList<>();
    assertTrue(session.takeInAndHandle(null, 1, () -> handled.add(1L)));
    assertFalse(session.takeInAndHandle(null, 1, () -> handled.add(1L)));
    assertEquals(List.of(1L), handled);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
