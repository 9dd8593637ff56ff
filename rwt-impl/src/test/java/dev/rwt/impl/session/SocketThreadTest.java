package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.stub.StubSession;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Finding a connection's own container thread: Undertow's session (by its public getters),
 * and nothing for any other container's. WildFly's integration tests run on the real one.
 */
class SocketThreadTest {

  @Test
  void undertowsSessionTellsItsIoThread() {
    Executor io = Runnable::run;
    assertSame(io, SocketThread.ofSession(new StubSession(io)).orElseThrow());
  }

  @Test
  void anotherContainersSessionTellsNothing() {
    assertTrue(SocketThread.ofSession(new Object()).isEmpty());
  }

  @Test
  void anUndertowWhoseApiDiffersTellsNothingRatherThanFailing() {
    assertTrue(SocketThread.ofSession(new StubSession.Bare()).isEmpty());
    assertTrue(SocketThread.ofSession(new StubSession(null)).isEmpty(), "no executor");
  }
}
