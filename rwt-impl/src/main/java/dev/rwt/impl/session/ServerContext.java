package dev.rwt.impl.session;

import dev.rwt.api.spi.RwtAuthenticator;
import dev.rwt.api.spi.RwtChannelAuthorizer;
import dev.rwt.impl.config.InvalidSettingException;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.protocol.RotatorRegistry;
import dev.rwt.protocol.ServerHandshake;
import dev.rwt.protocol.ServerIdentity;
import dev.rwt.protocol.ServerSettings;
import dev.rwt.protocol.TokenRotator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What every connection's protocol handling shares, resolved once: the SPIs in force (the
 * built-in ones or the application's alternatives), the rotation pattern, the server identity
 * key, and the handshake settings. Thread-safe after start-up.
 */
@ApplicationScoped
public class ServerContext {

  @Inject RwtSettings settings;
  @Inject Sessions sessions;
  @Inject RwtAuthenticator authenticator;
  @Inject RwtChannelAuthorizer authorizer;
  @Inject Instance<TokenRotator> customRotators;
  @Inject Clock clock;
  @Inject SecureRandom random;
  @Inject MessageDispatcher dispatcher;
  @Inject SendPool sendPool;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService closer;

  /** Stateless: one for every connection. */
  private final FrameRouter router = new FrameRouter();
  private ServerSettings handshakeSettings;
  private ServerIdentity identity;
  /** The clock every handshake and session reads: one for all, not one per connection. */
  private LongSupplier millis;

  @PostConstruct
  void init() {
    RotatorRegistry registry = RotatorRegistry.builtIn();
    for (TokenRotator custom : customRotators) {
      registry = registry.with(custom);
    }
    RotatorRegistry rotators = registry;
    TokenRotator rotator =
        rotators
            .find(settings.rotationPattern())
            .orElseThrow(
                () ->
                    new InvalidSettingException(
                        RwtSettings.ROTATION_PATTERN,
                        "no pattern called '" + settings.rotationPattern() + "'; known: " + rotators.names()));
    handshakeSettings =
        new ServerSettings(
            rotator,
            settings.rotationIntervalMs(),
            null,
            (int) settings.heartbeatMs(),
            settings.maxFrameBytes(),
            settings.resumeTtlMs());
    identity = settings.identityKey().map(this::identityFromPem).orElse(null);
    millis = clock::millis;
  }

  private ServerIdentity identityFromPem(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      return ServerIdentity.of(key, random);
    } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException e) {
      throw new InvalidSettingException(
          RwtSettings.IDENTITY_KEY, "must be a PEM PKCS#8 P-256 private key (-----BEGIN PRIVATE KEY-----)");
    }
  }

  /** This bean's instance rather than its client proxy, and its dispatcher's (see {@link Connections#direct}). */
  Supplier<ServerContext> direct() {
    dispatcher = dispatcher.direct().get();
    return () -> this;
  }

  /** A handshake for a new connection. */
  ServerHandshake newHandshake() {
    ServerHandshake.Builder builder =
        ServerHandshake.builder(handshakeSettings).random(random).clock(millis);
    if (identity != null) {
      builder.identity(identity);
    }
    return builder.build();
  }

  RwtSettings settings() {
    return settings;
  }

  Sessions sessions() {
    return sessions;
  }

  RwtAuthenticator authenticator() {
    return authenticator;
  }

  RwtChannelAuthorizer authorizer() {
    return authorizer;
  }

  FrameRouter router() {
    return router;
  }

  MessageDispatcher dispatcher() {
    return dispatcher;
  }

  /** Where connections' sends run (see {@link Outbound}). */
  Outbound.Sender sender() {
    return sendPool.sender();
  }

  /** Where closes that waited for a flush run: off the send pool and the timer. */
  Executor closer() {
    return closer;
  }

  long now() {
    return clock.millis();
  }
}
