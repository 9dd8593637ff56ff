package dev.rwt.client;

import dev.rwt.protocol.FrameType;
import dev.rwt.protocol.Json;
import dev.rwt.protocol.RwtProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A client of an RWT server: one logical session over a WebSocket ({@code java.net.http},
 * subprotocol {@code rwt.v1}) that survives reconnects.
 *
 * <pre>{@code
 * try (RwtClient client = RwtClient.builder(URI.create("wss://example.com/rwt"))
 *     .authToken(jwt).channels("prices").build()) {
 *   client.on(RwtEvents.message("prices"), m -> System.out.println(m.data()));
 *   client.connect().join();
 *   client.send("orders", Map.of("id", 7)).join();
 *   Object total = client.call("counter.increment", Map.of("by", 1)).join();
 * }
 * }</pre>
 *
 * <p><b>Lifecycle</b> ({@link ConnectionState}): {@link #connect()} completes after the
 * handshake. A connection that drops for any reason but a normal close (1000) or a server
 * close for a violation (4000-4011 except 4002) is reconnected with backoff
 * ({@link ReconnectionPolicy}) and resumed: within the server's resume window, messages in both
 * directions arrive once, in order, with nothing lost; sends made meanwhile are queued. When the
 * session cannot be resumed, {@code continuity-lost} is emitted and channels are subscribed
 * again. {@link #disconnect} ends the session; the client may {@code connect()} again later.
 * {@link #close()} also releases its threads.
 *
 * <p><b>Threads.</b> All methods are thread-safe and none blocks: sends are numbered and queued
 * on the socket at once, and sealed when they leave that queue. Listeners run one at a time,
 * in event order, on the client's callback thread (see
 * {@link RwtClientBuilder#callbackExecutor}), never on the socket's reading thread; a slow
 * listener delays later events but not the socket. Returned futures complete on
 * the completion executor ({@link ForkJoinPool#commonPool()} by default). There is no thread per
 * channel or subscription: a client uses one timer thread, one callback thread and the
 * {@code HttpClient}'s threads.
 *
 * <p><b>Data.</b> {@code send} takes {@code byte[]} (sent as binary), a {@link JsonText} (JSON
 * you serialized yourself), or a JSON value: {@code String}, {@code Number}, {@code Boolean},
 * {@code Map<String, ?>}, {@code List}, or null. Serialize your own classes with JSON-B or
 * Jackson and pass the text as a {@link JsonText}.
 */
public final class RwtClient implements AutoCloseable {
  /** HELLO.client of this implementation. */
  public static final String CLIENT_NAME = "rwt-java/0.1";

  private final ClientConfig config;
  private final ClientCore core;
  private final Listeners events;
  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService ownCallbackThread;
  private final Map<String, ChannelHandle> handles = new ConcurrentHashMap<>();
  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

  RwtClient(ClientConfig config) {
    this.config = config;
    this.timers = new ScheduledThreadPoolExecutor(1, daemon("rwt-client-timer"));
    timers.setRemoveOnCancelPolicy(true);
    timers.setKeepAliveTime(30, TimeUnit.SECONDS);
    timers.allowCoreThreadTimeOut(true);
    this.ownCallbackThread = config.callbackExecutor() == null
        ? Executors.newSingleThreadExecutor(daemon("rwt-client-callbacks")) : null;
    Executor callbacks = new SerialExecutor(ownCallbackThread != null ? ownCallbackThread : config.callbackExecutor());
    this.events = new Listeners(callbacks);
    Executor completions = config.completionExecutor() != null ? config.completionExecutor() : ForkJoinPool.commonPool();
    Transport.Factory transports = config.transportFactory() != null ? config.transportFactory()
        : JdkWebSocketTransport.factory(config.httpClient() != null ? config.httpClient()
            : HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build());
    this.core = new ClientCore(config, events, timers, completions, transports);
    this.groups.putAll(config.channelGroups());
  }

  /** Starts configuring a client for {@code endpoint} ({@code ws://} or {@code wss://}, usually ending in {@code /rwt}). */
  public static RwtClientBuilder builder(URI endpoint) {
    return new RwtClientBuilder(endpoint);
  }

  // ---- lifecycle ----------------------------------------------------------------------

  /**
   * Connects; completes once the handshake is done (at once when already open). Fails with
   * {@link RwtAuthenticationException} (token refused), {@link RwtConnectionException} (cannot
   * connect), {@link RwtTimeoutException} (no handshake within the connect timeout) or
   * {@link RwtEncryptionException} (server identity refused).
   */
  public CompletableFuture<Void> connect() {
    return exposed(core.connect());
  }

  /** {@code disconnect(false, 1000, "client disconnect")}. */
  public CompletableFuture<Void> disconnect() {
    return disconnect(false, 1000, "client disconnect");
  }

  /**
   * Ends the session. Pending sends and calls fail with {@link RwtDisconnectedException}.
   *
   * @param waitForPending first wait (up to 5 s) until queued sends went out, the server
   *     acknowledged every reliable frame and calls answered
   * @param code the close code: 1000 ends the server session; another code (3000-4999) leaves
   *     it resumable on the server until its resume window passes
   * @param reason a short close reason (at most 123 UTF-8 bytes)
   * @return completes once the client is {@link ConnectionState#CLOSED}
   */
  public CompletableFuture<Void> disconnect(boolean waitForPending, int code, String reason) {
    if (code != 1000 && (code < 3000 || code > 4999)) {
      throw new IllegalArgumentException("close code must be 1000 or 3000-4999");
    }
    return exposed(core.disconnect(waitForPending, code, reason == null ? "" : reason, 5000));
  }

  /** Disconnects (close 1000) and releases the client's threads. The client cannot be used afterwards. */
  @Override
  public void close() {
    try {
      core.disconnect(false, 1000, "client closed", 0).get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    } finally {
      timers.shutdownNow();
      if (ownCallbackThread != null) {
        ownCallbackThread.shutdown();
      }
    }
  }

  /** A snapshot of state and counters. */
  public ClientStatus getStatus() {
    synchronized (core.lock) {
      Stats st = core.stats;
      SessionInfo s = core.session;
      boolean open = core.state == ConnectionState.OPEN;
      return new ClientStatus(core.state, s == null ? null : s.id, st.latencyMs,
          open ? Duration.ofMillis(core.now() - st.connectedAtMs) : Duration.ZERO, st.epoch, st.tokenRotations,
          st.compressionRatio(), st.reconnects, core.attempt, st.resumed, st.continuityLost,
          core.channels.activeNames(), core.calls.size(), core.delivery.keptCount(), core.outbox.queuedCount(),
          core.delivery.lastReceived(), st.messagesSent, st.messagesReceived, st.duplicatesDropped,
          s == null ? null : s.authExp, s == null ? null : s.fingerprint, core.lastError);
    }
  }

  // ---- sending ------------------------------------------------------------------------

  /** {@code send(channel, data, SendOptions.defaults())}. */
  public CompletableFuture<SendResult> send(String channel, Object data) {
    return send(channel, data, SendOptions.defaults());
  }

  /**
   * Sends {@code data} on {@code channel} (subscribing first when needed), or to the server
   * itself when {@code channel} is null. Completes once the frame is sealed and queued on the
   * socket (or, while reconnecting, once it left after the reconnect).
   */
  public CompletableFuture<SendResult> send(String channel, Object data, SendOptions options) {
    Payloads.Encoded e;
    try {
      if (channel != null) {
        ChannelRegistry.checkName(channel);
      }
      e = Payloads.encode(data);
    } catch (RwtException ex) {
      return CompletableFuture.failedFuture(ex);
    }
    return exposed(message(channel, e.bytes(), e.json(), options == null ? SendOptions.defaults() : options));
  }

  /** Sends opaque bytes (no JSON flag) on {@code channel}, or to the server when null. */
  public CompletableFuture<SendResult> sendBinary(String channel, byte[] bytes, SendOptions options) {
    return send(channel, Objects.requireNonNull(bytes, "bytes"), options);
  }

  public CompletableFuture<SendResult> sendBinary(String channel, byte[] bytes) {
    return sendBinary(channel, bytes, SendOptions.defaults());
  }

  /** A direct message to the server (channel 0): server-side observers of messages without a channel get it. */
  public CompletableFuture<SendResult> sendDirect(Object data) {
    return send(null, data, SendOptions.defaults());
  }

  public CompletableFuture<SendResult> sendDirect(Object data, SendOptions options) {
    return send(null, data, options);
  }

  private CompletableFuture<SendResult> message(String channel, byte[] payload, boolean json, SendOptions o) {
    var spec = Payloads.messageSpec(channel, payload, json, o, config);
    synchronized (core.lock) {
      var sealed = channel == null ? core.outbox.send(spec, o.priority()) : core.outbox.sendOnChannel(spec, o.priority());
      return sealed.thenApply(s -> {
        SendResult r = new SendResult(s.seq(), channel, s.bytes(), s.encrypted(), s.compressed());
        synchronized (core.lock) {
          core.stats.messagesSent++;
        }
        events.emit(RwtEvents.SEND, r);
        return r;
      });
    }
  }

  // ---- RPC ----------------------------------------------------------------------------

  /** {@code call(method, params, callTimeout)}. */
  public CompletableFuture<Object> call(String method, Object params) {
    return call(method, params, config.callTimeout());
  }

  /**
   * Calls a server method ({@code @RwtRpc}); completes with the RESULT's {@code result} as a
   * JSON value, or fails with an {@link RwtException} carrying the server's code
   * ({@code NO_SUCH_METHOD}, {@code BAD_PARAMS}, {@code FORBIDDEN}, ...), with
   * {@link RwtTimeoutException}, or with {@code CONTINUITY_LOST} when the session was lost
   * while it was in flight (the server may or may not have run it). Calls in flight survive a
   * resumed reconnect.
   *
   * @param params a JSON value (or a {@link JsonText}), or null for none
   */
  public CompletableFuture<Object> call(String method, Object params, Duration timeout) {
    if (method == null || method.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("method must be a non-empty string"));
    }
    Object p;
    try {
      p = Payloads.jsonValue(params);
    } catch (RwtException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Object> result = new CompletableFuture<>();
    long id = core.calls.start(method, result, timeout);
    synchronized (core.lock) {
      core.outbox.call(id, method, p, config.encryptPayloads(), result);
    }
    return exposed(result);
  }

  /** A typed call: the JSON result is mapped by {@code mapper} (a failing mapper gives {@link RwtEncodingException}). */
  public <T> CompletableFuture<T> call(String method, Object params, Function<Object, T> mapper, Duration timeout) {
    return call(method, params, timeout).thenApply(v -> {
      try {
        return mapper.apply(v);
      } catch (RuntimeException e) {
        throw new RwtEncodingException("cannot map the result of " + method + ": " + e.getMessage(), "ENCODING",
            "call", Map.of("method", method), null, null, e);
      }
    });
  }

  /**
   * A call with raw JSON both ways, for JSON-B or Jackson: {@code paramsJson} is JSON text
   * (or null), and the result completes as JSON text.
   */
  public CompletableFuture<String> callJson(String method, String paramsJson, Duration timeout) {
    Object params;
    try {
      params = paramsJson == null ? null : Json.parse(paramsJson);
    } catch (RwtProtocolException e) {
      return CompletableFuture.failedFuture(new RwtEncodingException("params are not valid JSON", "ENCODING", "call",
          null, null, null, e));
    }
    return call(method, params, timeout).thenApply(Json::toString);
  }

  // ---- subscriptions ------------------------------------------------------------------

  /** Subscribes to {@code channel}; completes with the id the server assigned. */
  public CompletableFuture<Integer> subscribe(String channel) {
    return subscribe(channel, null);
  }

  /** Subscribes with a per-channel token (SUBSCRIBE.token). */
  public CompletableFuture<Integer> subscribe(String channel, String token) {
    try {
      ChannelRegistry.checkName(channel);
    } catch (RwtException e) {
      return CompletableFuture.failedFuture(e);
    }
    synchronized (core.lock) {
      return exposed(core.outbox.subscribe(channel, token));
    }
  }

  /** Ends the subscription (UNSUBSCRIBE); completes once sent. Listeners stay registered. */
  public CompletableFuture<Void> unsubscribe(String channel) {
    synchronized (core.lock) {
      core.outbox.subscribeAnswered(channel);
      Integer id = core.channels.release(channel);
      if (id == null) {
        return CompletableFuture.completedFuture(null);
      }
      events.emit(RwtEvents.UNSUBSCRIBED, new RwtEvents.SubscriptionChange(channel, id, "client"));
      return exposed(core.outbox.unsubscribe(id).thenApply(s -> null));
    }
  }

  public boolean isSubscribed(String channel) {
    synchronized (core.lock) {
      return core.channels.isActive(channel);
    }
  }

  /** A handle bound to one channel; subscribes now (failures go to the {@code error} event). */
  public ChannelHandle createChannel(String name) {
    ChannelRegistry.checkName(name);
    ChannelHandle h = handles.computeIfAbsent(name, n -> new ChannelHandle(this, n));
    h.open().exceptionally(e -> {
      events.emit(RwtEvents.ERROR, Failures.wrap(e, "subscribe"));
      return null;
    });
    return h;
  }

  /** Handles for every channel the client knows: subscribed, or wanted and waiting for the server. */
  public List<ChannelHandle> getChannels() {
    List<String> names;
    synchronized (core.lock) {
      names = core.channels.knownNames();
    }
    List<ChannelHandle> out = new ArrayList<>();
    names.forEach(n -> out.add(handles.computeIfAbsent(n, k -> new ChannelHandle(this, k))));
    return out;
  }

  /** Subscribes every channel of a group defined with {@link RwtClientBuilder#channelGroups}. */
  public CompletableFuture<Void> subscribeGroup(String group) {
    List<String> names = groups.get(group);
    if (names == null) {
      return CompletableFuture.failedFuture(new RwtException("unknown channel group " + group, "BAD_PARAMS",
          "subscribe"));
    }
    return CompletableFuture.allOf(names.stream().map(this::subscribe).toArray(CompletableFuture[]::new));
  }

  /** Defines (or redefines) a group, then subscribes it. */
  public CompletableFuture<Void> subscribeGroup(String group, Collection<String> channels) {
    channels.forEach(ChannelRegistry::checkName);
    groups.put(group, List.copyOf(channels));
    return subscribeGroup(group);
  }

  /** Listens to messages on any channel of {@code group}; the callback also gets the group name. */
  public Registration onGroup(String group, BiConsumer<ReceivedMessage, String> callback) {
    return on(RwtEvents.MESSAGE, m -> {
      List<String> names = groups.get(group);
      if (names != null && names.contains(m.channel())) {
        callback.accept(m, group);
      }
    });
  }

  // ---- events -------------------------------------------------------------------------

  public <T> Registration on(EventType<T> event, Consumer<? super T> listener) {
    return events.add(event, listener, false);
  }

  /** Like {@link #on} but removed after its first call. */
  public <T> Registration once(EventType<T> event, Consumer<? super T> listener) {
    return events.add(event, listener, true);
  }

  /** Removes listeners registered with this exact callback object. */
  public <T> void off(EventType<T> event, Consumer<? super T> listener) {
    events.remove(event, listener);
  }

  public void offAll(EventType<?> event) {
    events.removeAll(event);
  }

  public void offAll() {
    events.removeAll();
  }

  /** Messages that match {@code filter}. */
  public Registration onMessage(MessageFilter filter, Consumer<ReceivedMessage> listener) {
    return on(RwtEvents.MESSAGE, m -> {
      if (filter.test(m)) {
        listener.accept(m);
      }
    });
  }

  /**
   * The next message that matches {@code filter} (null: any) on {@code channel} (null: any
   * channel or direct); fails with {@link RwtTimeoutException} after {@code timeout}.
   */
  public CompletableFuture<ReceivedMessage> waitForMessage(MessageFilter filter, String channel, Duration timeout) {
    return Waiter.start(this, events, timers, filter, channel, timeout, core.completions);
  }

  private <T> CompletableFuture<T> exposed(CompletableFuture<T> internal) {
    CompletableFuture<T> out = new CompletableFuture<>();
    internal.whenComplete((v, e) -> core.completions.execute(() -> {
      if (e != null) {
        out.completeExceptionally(Failures.unwrap(e));
      } else {
        out.complete(v);
      }
    }));
    return out;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    return "RwtClient[" + config.endpoint() + ", " + getStatus().state() + "]";
  }
}
