package io.undertow.stub;

import java.util.concurrent.Executor;

/** Stands in for Undertow's session in {@code SocketThreadTest}: the two public getters RWT reads. */
public final class StubSession {
  private final Executor ioThread;

  public StubSession(Executor ioThread) {
    this.ioThread = ioThread;
  }

  public Channel getWebSocketChannel() {
    return new Channel();
  }

  /** An Undertow class without those getters, as a later Undertow might be. */
  public static final class Bare {}

  /** Stands in for Undertow's WebSocketChannel. */
  public final class Channel {
    public Executor getIoThread() {
      return ioThread;
    }
  }
}
