package dev.rwt.war;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.io.ByteArrayOutputStream;

/** A raw WebSocket on the JDK client that records what the server sends, for tests. */
final class TestSocket implements WebSocket.Listener, AutoCloseable {

  /** How the server closed the connection. */
  record Closed(int code, String reason) {}

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Put in the message queue when the connection ends, to wake a blocked reader. */
  static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
  /** WebSocket binary messages received (a BATCH counts once). */
  final java.util.concurrent.atomic.AtomicInteger binaryMessages = new java.util.concurrent.atomic.AtomicInteger();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  final WebSocket socket;

  private TestSocket(URI uri, String... subprotocols) throws Exception {
    this(HttpClient.newHttpClient(), uri, subprotocols);
  }

  private TestSocket(HttpClient client, URI uri, String... subprotocols) throws Exception {
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(TIMEOUT);
    if (subprotocols.length > 0) {
      builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    socket = builder.buildAsync(uri, this).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Opens {@code /rwt} under the deployment's base URL, offering the given subprotocols. The
   * container may report the machine's own address; tests always go through loopback.
   */
  static TestSocket open(URL base, String... subprotocols) throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + "rwt");
    return new TestSocket(uri, subprotocols);
  }

  /** As {@link #open(URL, String...)} on a shared client: for tests that open thousands of sockets. */
  static TestSocket open(HttpClient client, URL base, String... subprotocols) throws Exception {
    return new TestSocket(client, URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + "rwt"), subprotocols);
  }

  String subprotocol() {
    return socket.getSubprotocol();
  }

  void sendBinary(byte[] data) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(data), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  void sendText(String text) throws Exception {
    socket.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  byte[] nextMessage() throws InterruptedException {
    byte[] m = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return m == END ? null : m;
  }

  /** The next message, or null as soon as the connection closes (or after the timeout). */
  byte[] nextMessageOrClose() throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
    while (System.currentTimeMillis() < deadline) {
      byte[] m = messages.poll(20, TimeUnit.MILLISECONDS);
      if (m == END) {
        return null;
      }
      if (m != null || closed.isDone()) {
        return m;
      }
    }
    return null;
  }

  /** The next message, or {@link #END} once the connection has ended. */
  byte[] nextMessageBlocking() throws InterruptedException {
    return messages.take();
  }

  /** Sends a close frame with {@code code} (the server answers and the socket ends). */
  void sendClose(int code) throws Exception {
    socket.sendClose(code, "").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isClosed() {
    return closed.isDone() || socket.isOutputClosed();
  }

  /** How the connection closed, if it has; null while open. */
  Object closedNow() {
    return closed.isDone() ? closed.handle((c, e) -> c != null ? c : e).join() : null;
  }

  Closed awaitClose() throws Exception {
    return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    partial.writeBytes(chunk);
    if (last) {
      binaryMessages.incrementAndGet();
      messages.add(partial.toByteArray());
      partial.reset();
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(new Closed(statusCode, reason));
    messages.add(END);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
    messages.add(END);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
