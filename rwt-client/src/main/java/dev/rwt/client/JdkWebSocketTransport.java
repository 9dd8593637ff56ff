package dev.rwt.client;

import dev.rwt.protocol.RwtWire;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@link Transport} on {@code java.net.http.WebSocket}. The JDK allows one outstanding send
 * per socket, which is the contract of {@link Transport#send}; the queue in front of it is
 * {@link SendQueue}. Incoming partial messages are joined, up to a bound.
 *
 * <p>Thread-safety: {@code closed} is guarded by {@code this}; the JDK calls the listener
 * methods one at a time.
 */
final class JdkWebSocketTransport implements Transport, WebSocket.Listener {
  private static final long CLOSE_GRACE_MS = 1000;
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + RwtWire.HEADER_LENGTH;

  private final Transport.Listener listener;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private volatile WebSocket ws;
  private volatile boolean ended;

  private boolean closed; // guarded by this

  private JdkWebSocketTransport(Transport.Listener listener) {
    this.listener = listener;
  }

  /** A factory that opens sockets with {@code client}. */
  static Transport.Factory factory(HttpClient client) {
    return (uri, listener, timeout) -> open(client, uri, listener, timeout);
  }

  private static CompletableFuture<Transport> open(HttpClient client, URI uri, Transport.Listener listener,
      Duration timeout) {
    JdkWebSocketTransport t = new JdkWebSocketTransport(listener);
    return client.newWebSocketBuilder()
        .subprotocols(RwtWire.SUBPROTOCOL)
        .connectTimeout(timeout)
        .buildAsync(uri, t)
        .thenApply(ws -> {
          t.ws = ws;
          if (!RwtWire.SUBPROTOCOL.equals(ws.getSubprotocol())) {
            ws.abort();
            throw new IllegalStateException("the server did not select subprotocol " + RwtWire.SUBPROTOCOL);
          }
          return t;
        });
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    this.ws = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    if (partial.size() + chunk.length > MAX_MESSAGE_BYTES) {
      partial.reset();
      listener.onClosed(1009, "message too big");
      abort();
      return null;
    }
    partial.write(chunk, 0, chunk.length);
    if (last) {
      byte[] message = partial.toByteArray();
      partial.reset();
      listener.onMessage(message);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    listener.onText();
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    end(statusCode, reason);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    end(1006, String.valueOf(error));
  }

  private void end(int code, String reason) {
    synchronized (this) {
      closed = true;
    }
    if (!ended) {
      ended = true;
      listener.onClosed(code, reason == null ? "" : reason);
    }
  }

  @Override
  public CompletionStage<?> send(byte[] message) {
    WebSocket socket = ws;
    synchronized (this) {
      if (closed || socket == null) {
        return CompletableFuture.failedFuture(new IllegalStateException("the socket is closed"));
      }
    }
    return socket.sendBinary(ByteBuffer.wrap(message), true);
  }

  @Override
  public void close(int code, String reason) {
    WebSocket socket = ws;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (socket == null) {
      return;
    }
    String r = reason == null ? "" : reason;
    // A send may still be in flight: the JDK then refuses the close; drop the socket instead.
    try {
      socket.sendClose(code, r).whenComplete((s, e) -> {
        if (e != null) {
          socket.abort();
        }
      });
    } catch (RuntimeException e) {
      socket.abort();
    }
    CompletableFuture.delayedExecutor(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS).execute(socket::abort);
  }

  @Override
  public void abort() {
    synchronized (this) {
      closed = true;
    }
    WebSocket socket = ws;
    if (socket != null) {
      socket.abort();
    }
  }
}
