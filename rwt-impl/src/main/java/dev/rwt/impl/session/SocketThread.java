package dev.rwt.impl.session;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container thread that writes one socket, where the container lets an application find
 * it. Undertow (WildFly) serves each connection on one XNIO I/O thread: a send made on that
 * thread is written at once and completes before it returns, while a send from any other thread
 * is handed to it as a task, and its completion comes back in another. {@link Outbound} starts a
 * fan-out's drains there, so that a subscriber's next batch follows the last one without a
 * hand-off in between.
 *
 * <p>Found once per connection, by reflection on Undertow's public session API
 * ({@code UndertowSession.getWebSocketChannel().getIoThread()}, an {@link Executor}), so RWT
 * needs no compile-time dependency on a container. Other containers (Tyrus on Payara), or an
 * Undertow whose API differs, answer empty, and the shared send pool is used. Stateless.
 */
final class SocketThread {
  private static final Logger LOG = Logger.getLogger(SocketThread.class.getName());
  private static final String UNDERTOW = "io.undertow.";

  private SocketThread() {}

  /** The thread that writes {@code socket}, or empty when the container does not tell. */
  static Optional<Executor> of(Session socket) {
    return ofSession(socket);
  }

  /** As {@link #of}, for any object that may be Undertow's session. */
  static Optional<Executor> ofSession(Object socket) {
    if (!socket.getClass().getName().startsWith(UNDERTOW)) {
      return Optional.empty();
    }
    try {
      Object channel = publicMethod(socket, "getWebSocketChannel").invoke(socket);
      Object thread = publicMethod(channel, "getIoThread").invoke(channel);
      return thread instanceof Executor executor ? Optional.of(executor) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "Undertow's I/O thread not found; sending from the send pool", e);
      return Optional.empty();
    }
  }

  private static Method publicMethod(Object target, String name) throws NoSuchMethodException {
    return target.getClass().getMethod(name);
  }
}
