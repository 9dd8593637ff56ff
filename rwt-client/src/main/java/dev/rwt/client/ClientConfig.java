package dev.rwt.client;

import dev.rwt.protocol.IdentityPin;
import dev.rwt.protocol.RotatorRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything {@link RwtClientBuilder} collected, validated and frozen. Immutable (the
 * collections are copies).
 */
record ClientConfig(
    URI endpoint,
    Supplier<CompletionStage<String>> tokenSource,
    boolean tokenRenewable,
    String rotationKey,
    List<String> channels,
    Map<String, List<String>> channelGroups,
    RotatorRegistry registry,
    IdentityPin pin,
    Predicate<ServerIdentityInfo> verificationCallback,
    Duration connectTimeout,
    Duration callTimeout,
    ReconnectionPolicy reconnection,
    boolean encryptPayloads,
    int compressThreshold,
    double renewThreshold,
    long maxBufferedBytes,
    String clientName,
    Executor callbackExecutor,
    Executor completionExecutor,
    HttpClient httpClient,
    Transport.Factory transportFactory,
    SecureRandom random,
    LongSupplier clock) {

  ClientConfig {
    channels = List.copyOf(channels);
    channelGroups = Map.copyOf(channelGroups);
  }

  /** Whether the endpoint is plain ws:// to a host that is not loopback. */
  boolean insecureTransport() {
    if (!"ws".equalsIgnoreCase(endpoint.getScheme())) {
      return false;
    }
    String host = endpoint.getHost();
    return host == null || !(host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
        || host.equals("::1") || host.endsWith(".localhost"));
  }
}
