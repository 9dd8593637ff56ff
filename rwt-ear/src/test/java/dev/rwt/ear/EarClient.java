package dev.rwt.ear;

import dev.rwt.protocol.ClientHandshake;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.RotatorRegistry;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecureSession;
import dev.rwt.protocol.Welcome;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The smallest real RWT client, on rwt-protocol and the JDK WebSocket: handshake, sealed
 * frames out, opened frames in; answers PING and acknowledges reliable frames like a healthy
 * client. Frames are opened on the JDK's listener thread, one message at a time.
 */
final class EarClient implements WebSocket.Listener, AutoCloseable {

  private static final long TIMEOUT_MS = 10_000;

  private final BlockingQueue<byte[]> welcome = new LinkedBlockingQueue<>(1);
  private final BlockingQueue<OpenedFrame> frames = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final WebSocket socket;
  private volatile SecureSession session;
  volatile Exception failure;

  private EarClient(URI uri) throws Exception {
    socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .subprotocols("rwt.v1")
        .buildAsync(uri, this)
        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** Connects to {@code ws://127.0.0.1:<port><path>} and runs the handshake with {@code token}. */
  static EarClient connect(URI endpoint, String token) throws Exception {
    EarClient client = new EarClient(endpoint);
    ClientHandshake handshake = ClientHandshake.builder(token)
        .rotationKey("")
        .clientName("ear-it/1")
        .random(new SecureRandom())
        .clock(System::currentTimeMillis)
        .registry(RotatorRegistry.builtIn())
        .build();
    client.socket.sendBinary(ByteBuffer.wrap(handshake.hello()), true).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    byte[] welcome = client.welcome.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    if (welcome == null) {
      throw new AssertionError("no WELCOME within " + TIMEOUT_MS + " ms");
    }
    client.session = handshake.receiveWelcome(welcome);
    return client;
  }

  Welcome welcome() {
    return session.welcome();
  }

  /** Seals and sends one JSON frame. */
  synchronized void sendJson(FrameType type, int channel, String json) throws Exception {
    SecureSession.Sealed sealed = session.sealNext(type, channel, json.getBytes(StandardCharsets.UTF_8), SealOptions.json());
    socket.sendBinary(ByteBuffer.wrap(sealed.bytes()), true).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** SUBSCRIBE, then the id the server gave the subscription (from SUBSCRIBED). */
  int subscribe(String channel) throws Exception {
    String body = "{\"channel\":\"" + channel + "\"}";
    sendJson(FrameType.SUBSCRIBE, 0, body);
    return next(f -> f.type() == FrameType.SUBSCRIBED && body.equals(text(f))).channel();
  }

  /** The next frame that matches, skipping the others. */
  OpenedFrame next(Predicate<OpenedFrame> filter) throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    for (long left = TIMEOUT_MS; left > 0; left = deadline - System.currentTimeMillis()) {
      OpenedFrame f = frames.poll(left, TimeUnit.MILLISECONDS);
      if (f != null && filter.test(f)) {
        return f;
      }
    }
    throw new AssertionError("no matching frame within " + TIMEOUT_MS + " ms" + (failure == null ? "" : ": " + failure));
  }

  static String text(OpenedFrame f) {
    return new String(f.payload(), StandardCharsets.UTF_8);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    partial.writeBytes(chunk);
    if (last) {
      byte[] message = partial.toByteArray();
      partial.reset();
      if (session == null) {
        welcome.offer(message);
      } else {
        received(message);
      }
    }
    webSocket.request(1);
    return null;
  }

  private void received(byte[] message) {
    try {
      for (OpenedFrame f : session.open(message)) {
        if (f.type() == FrameType.PING) {
          send(FrameType.PONG, f.payload());
        }
        if (f.type().isReliable()) {
          send(FrameType.ACK, ByteBuffer.allocate(Long.BYTES).putLong(f.seq()).array());
        }
        frames.add(f);
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  /** The JDK WebSocket takes one send at a time: every send waits for the previous one. */
  private synchronized void send(FrameType type, byte[] payload) throws Exception {
    byte[] sealed = session.sealNext(type, 0, payload, SealOptions.binary()).bytes();
    socket.sendBinary(ByteBuffer.wrap(sealed), true).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    failure = new Exception(error);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
