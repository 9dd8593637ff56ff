package dev.rwt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rwt.api.RwtIdentity;
import dev.rwt.api.spi.RwtAuthenticator;
import dev.rwt.impl.config.MapConfig;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.ops.TestMetrics;
import dev.rwt.impl.rpc.RpcExtension;
import dev.rwt.protocol.ClientHandshake;
import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.OpenedFrame;
import dev.rwt.protocol.RwtWire;
import dev.rwt.protocol.SealOptions;
import dev.rwt.protocol.SecureSession;
import dev.rwt.protocol.ServerHandshake;
import dev.rwt.protocol.TokenRotator;
import jakarta.enterprise.inject.Instance;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * One connection's handshake, driven through {@link Connection#received} with a client
 * handshake on the other side and a socket that records what is sent: no container.
 */
class ConnectionTest {

  private static final long NOW = 1_700_000_000_000L;

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
  private final List<byte[]> sent = new CopyOnWriteArrayList<>();
  private final List<WeakReference<ServerHandshake>> handshakes = new ArrayList<>();
  private final ServerContext context = context(Map.of());

  @Test
  void theHandshakeIsUnreachableOnceTheConnectionIsAttached() throws Exception {
    Connection connection = new Connection(socket(), context, ConcurrentHashMap.newKeySet());
    ClientHandshake client = ClientHandshake.builder("token").random(new SecureRandom()).clock(() -> NOW).build();

    connection.received(ByteBuffer.wrap(client.hello()));
    SecureSession secure = client.receiveWelcome(sent.get(0));

    assertNotNull(connection.link(), "attached");
    assertEquals(secure.sessionId(), connection.session().id());
    assertEquals(1, handshakes.size());
    // the ephemeral ECDH private key and the HELLO's token live only as long as the handshake
    assertNull(collected(handshakes.get(0)), "the connection still holds its handshake");
  }

  @Test
  void withEncryptionAlwaysAnUnencryptedCallIsAnsweredForbiddenAndNotRun() throws Exception {
    Map<?, ?> error = callError(context(Map.of("rwt.encryption.payloads", "always")), false, true);
    assertEquals("FORBIDDEN", error.get("code"));
    assertEquals("this server accepts encrypted calls only", error.get("message"));
  }

  @Test
  void withEncryptionAlwaysAnEncryptedCallIsTakenAndItsResultEncrypted() throws Exception {
    assertEquals("NO_SUCH_METHOD", callError(context(Map.of("rwt.encryption.payloads", "always")), true, true).get("code"));
  }

  @Test
  void withEncryptionAutoAResultIsEncryptedAsItsCallWas() throws Exception {
    assertEquals("NO_SUCH_METHOD", callError(context, true, true).get("code"));
    assertEquals("NO_SUCH_METHOD", callError(context(Map.of()), false, false).get("code"));
  }

  @Test
  void withEncryptionNeverAResultIsNotEncryptedEvenForAnEncryptedCall() throws Exception {
    assertEquals("NO_SUCH_METHOD",
        callError(context(Map.of("rwt.encryption.payloads", "never")), true, false).get("code"));
  }

  /**
   * Connects to {@code server}, calls a method the server does not have (encrypting the CALL or
   * not), checks that the RESULT travelled encrypted or not as {@code resultEncrypted} says, and
   * returns its error.
   */
  private Map<?, ?> callError(ServerContext server, boolean encrypt, boolean resultEncrypted) throws Exception {
    sent.clear();
    Connection connection = new Connection(socket(), server, ConcurrentHashMap.newKeySet());
    ClientHandshake client = ClientHandshake.builder("token").random(new SecureRandom()).clock(() -> NOW).build();
    connection.received(ByteBuffer.wrap(client.hello()));
    SecureSession secure = client.receiveWelcome(sent.get(0));
    SealOptions options = encrypt ? SealOptions.json().encrypted() : SealOptions.json();
    byte[] call = "{\"id\":7,\"method\":\"nowhere\"}".getBytes(StandardCharsets.UTF_8);
    connection.received(ByteBuffer.wrap(secure.sealNext(FrameType.CALL, 0, call, options).bytes()));

    assertEquals(2, sent.size(), "one RESULT after the WELCOME");
    OpenedFrame result = secure.open(sent.get(1)).get(0);
    assertEquals(FrameType.RESULT, result.type());
    assertEquals(resultEncrypted, result.has(RwtWire.FLAG_ENC), "RESULT encrypted");
    Map<?, ?> body = (Map<?, ?>) result.json();
    assertEquals(7L, body.get("id"));
    return (Map<?, ?>) body.get("error");
  }

  /** The referent after a few full collections: null once nothing strong reaches it. */
  private static <T> T collected(WeakReference<T> ref) throws InterruptedException {
    for (int i = 0; i < 20 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    return ref.get();
  }

  private ServerContext context(Map<String, String> config) {
    RwtSettings settings = RwtSettings.from(new MapConfig(config));
    Sessions sessions = TestSessions.started(settings, clock, e -> { });
    sessions.metrics = TestMetrics.started(settings, sessions, new ClusterFanout(), clock);
    ServerContext c = new ServerContext() {
      @Override
      ServerHandshake newHandshake() {
        ServerHandshake h = super.newHandshake();
        handshakes.add(new WeakReference<>(h));
        return h;
      }
    };
    c.settings = settings;
    c.sessions = sessions;
    c.clock = clock;
    c.random = new SecureRandom();
    c.authenticator = (RwtAuthenticator) token -> RwtIdentity.of("alice");
    c.customRotators = noRotators();
    c.dispatcher = new MessageDispatcher() {
      @Override
      void fire(Object event) {}
    };
    c.dispatcher.sessions = sessions;
    c.dispatcher.rpc = new RpcExtension();
    c.sendPool = new SendPool() {
      @Override
      Outbound.Sender sender() {
        return Outbound.Sender.pool(Runnable::run);
      }
    };
    c.init();
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Instance<TokenRotator> noRotators() {
    return (Instance<TokenRotator>) Proxy.newProxyInstance(ConnectionTest.class.getClassLoader(),
        new Class<?>[] {Instance.class}, (proxy, method, args) -> {
          if (method.getName().equals("iterator")) {
            return Collections.emptyIterator();
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  /** A socket whose sends complete at once, each message recorded in {@link #sent}. */
  private Session socket() {
    RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
          if (method.getName().equals("sendBinary") && args.length == 2) {
            ByteBuffer message = (ByteBuffer) args[0];
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            sent.add(bytes);
            ((SendHandler) args[1]).onResult(new SendResult());
            return null;
          }
          throw new UnsupportedOperationException(method.getName());
        });
    return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getAsyncRemote" -> remote;
          case "getId" -> "c1";
          case "isOpen" -> true;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
