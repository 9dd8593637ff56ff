package dev.rwt.client;

import dev.rwt.protocol.IdentityPin;
import dev.rwt.protocol.RotatorRegistry;
import dev.rwt.protocol.TokenRotator;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Configures an {@link RwtClient}; obtained from {@link RwtClient#builder(URI)}. Not
 * thread-safe; {@link #build()} may be called more than once (each client is independent).
 */
public final class RwtClientBuilder {
  private final URI endpoint;
  private Supplier<CompletionStage<String>> tokenSource;
  private boolean tokenRenewable;
  private String rotationKey = "";
  private final List<String> channels = new ArrayList<>();
  private final Map<String, List<String>> groups = new LinkedHashMap<>();
  private RotatorRegistry registry = RotatorRegistry.builtIn();
  private IdentityPin pin;
  private Predicate<ServerIdentityInfo> verificationCallback;
  private Duration connectTimeout = Duration.ofSeconds(15);
  private Duration callTimeout = Duration.ofSeconds(30);
  private ReconnectionPolicy reconnection = ReconnectionPolicy.defaults();
  private boolean encryptPayloads = true;
  private int compressThreshold = 1024;
  private double renewThreshold = 0.8;
  private long maxBufferedBytes = DeliveryState.DEFAULT_MAX_BYTES;
  private String clientName = RwtClient.CLIENT_NAME;
  private Executor callbackExecutor;
  private Executor completionExecutor;
  private HttpClient httpClient;
  private Transport.Factory transportFactory;
  private SecureRandom random;
  private LongSupplier clock = System::currentTimeMillis;

  RwtClientBuilder(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("endpoint must be ws:// or wss://, e.g. wss://example.com/rwt");
    }
    this.endpoint = endpoint;
  }

  /** A fixed application token (HELLO.auth). It cannot be renewed: when it expires the server closes 4001. */
  public RwtClientBuilder authToken(String token) {
    Objects.requireNonNull(token, "token");
    this.tokenSource = () -> CompletableFuture.completedFuture(token);
    this.tokenRenewable = false;
    return this;
  }

  /**
   * A token source, asked on every (re)connect and before the token expires (REFRESH at
   * {@link #renewThreshold(double)} of its lifetime; {@link RwtEvents#AUTH_REFRESH} when the
   * server took it). It must not block; return a completed stage when the token is at hand.
   * When it fails during a renewal, {@link RwtEvents#AUTH_REFRESH_FAILED} fires and it is asked
   * again with backoff while the old token is valid; at the expiry the server closes 4001 and
   * the client ends with {@link RwtAuthenticationException}.
   */
  public RwtClientBuilder authToken(Supplier<? extends CompletionStage<String>> source) {
    Objects.requireNonNull(source, "source");
    this.tokenSource = source::get;
    this.tokenRenewable = true;
    return this;
  }

  /** The pre-shared rotation key the server's authenticator hands out for this token ("" by default). */
  public RwtClientBuilder rotationKey(String rotationKey) {
    this.rotationKey = Objects.requireNonNull(rotationKey, "rotationKey");
    return this;
  }

  /** Channels subscribed on connect (and again after a fresh session). */
  public RwtClientBuilder channels(Collection<String> names) {
    names.forEach(ChannelRegistry::checkName);
    channels.addAll(names);
    return this;
  }

  public RwtClientBuilder channels(String... names) {
    return channels(List.of(names));
  }

  /** Named groups of channels for {@link RwtClient#subscribeGroup(String)} and {@link RwtClient#onGroup}. */
  public RwtClientBuilder channelGroups(Map<String, ? extends Collection<String>> groups) {
    groups.forEach((g, names) -> {
      names.forEach(ChannelRegistry::checkName);
      this.groups.put(g, List.copyOf(names));
    });
    return this;
  }

  /** A custom rotation pattern the server may announce (the built-ins are always known). */
  public RwtClientBuilder tokenRotator(TokenRotator rotator) {
    this.registry = registry.with(rotator);
    return this;
  }

  /** Refuse a server whose WELCOME is not signed by this identity (see {@link IdentityPin}). */
  public RwtClientBuilder identityPin(IdentityPin pin) {
    this.pin = pin;
    return this;
  }

  /** {@link #identityPin(IdentityPin)} from a SHA-256 fingerprint in hex. */
  public RwtClientBuilder identityPin(String fingerprintHex) {
    return identityPin(IdentityPin.ofFingerprint(HexFormat.of().parseHex(fingerprintHex)));
  }

  /**
   * An extra check of the server after its WELCOME verified: return false to refuse it
   * ({@link RwtEncryptionException} {@code IDENTITY_REJECTED}). Runs during the handshake on
   * the socket's thread: keep it quick.
   */
  public RwtClientBuilder verificationCallback(Predicate<ServerIdentityInfo> callback) {
    this.verificationCallback = callback;
    return this;
  }

  /** Upgrade plus handshake must finish within this (15 s by default). */
  public RwtClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /** Timeout of {@code call}s that do not give one (30 s by default). */
  public RwtClientBuilder callTimeout(Duration timeout) {
    this.callTimeout = positive(timeout, "callTimeout");
    return this;
  }

  public RwtClientBuilder reconnection(ReconnectionPolicy policy) {
    this.reconnection = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Encrypt payloads by default (true); false only authenticates them and emits a security-warning. */
  public RwtClientBuilder encryptPayloads(boolean encrypt) {
    this.encryptPayloads = encrypt;
    return this;
  }

  /** Unencrypted payloads of at least this many bytes are deflated when compression is "auto" (1024). */
  public RwtClientBuilder compressThreshold(int bytes) {
    this.compressThreshold = bytes;
    return this;
  }

  /**
   * Fraction of the token's lifetime (from the handshake or the last renewal to its expiry)
   * after which it is renewed (0.8). Only applies to {@link #authToken(Supplier)}.
   */
  public RwtClientBuilder renewThreshold(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("renewThreshold must be between 0 and 1");
    }
    this.renewThreshold = fraction;
    return this;
  }

  /** Bound on unacknowledged bytes sent (4 MiB); past it sends fail with BUFFER_FULL. */
  public RwtClientBuilder maxBufferedBytes(long bytes) {
    this.maxBufferedBytes = bytes;
    return this;
  }

  /** HELLO.client ({@value RwtClient#CLIENT_NAME} by default). */
  public RwtClientBuilder clientName(String name) {
    this.clientName = name;
    return this;
  }

  /**
   * Where listeners run. Whatever the executor, listeners of one client run one at a time
   * in event order. Default: one daemon thread of the client's own.
   */
  public RwtClientBuilder callbackExecutor(Executor executor) {
    this.callbackExecutor = executor;
    return this;
  }

  /** Where returned futures complete (their dependent stages run there): ForkJoinPool.commonPool() by default. */
  public RwtClientBuilder completionExecutor(Executor executor) {
    this.completionExecutor = executor;
    return this;
  }

  /** The HTTP client for WebSocket upgrades (e.g. with an SSLContext); a new one by default. */
  public RwtClientBuilder httpClient(HttpClient client) {
    this.httpClient = client;
    return this;
  }

  /** Source of nonces and ephemeral keys (a new SecureRandom by default). */
  public RwtClientBuilder random(SecureRandom random) {
    this.random = random;
    return this;
  }

  RwtClientBuilder transportFactory(Transport.Factory factory) {
    this.transportFactory = factory;
    return this;
  }

  RwtClientBuilder clock(LongSupplier clock) {
    this.clock = clock;
    return this;
  }

  /**
   * @throws IllegalStateException without an auth token
   */
  public RwtClient build() {
    if (tokenSource == null) {
      throw new IllegalStateException("authToken is required");
    }
    return new RwtClient(new ClientConfig(endpoint, tokenSource, tokenRenewable, rotationKey, channels, groups,
        registry, pin, verificationCallback, connectTimeout, callTimeout, reconnection, encryptPayloads,
        compressThreshold, renewThreshold, maxBufferedBytes, clientName, callbackExecutor, completionExecutor,
        httpClient, transportFactory, random != null ? random : new SecureRandom(), clock));
  }

  private static Duration positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }
}
