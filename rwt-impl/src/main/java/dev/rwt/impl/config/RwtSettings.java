package dev.rwt.impl.config;

import dev.rwt.impl.channel.ChannelNames;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Every RWT setting, read once from MicroProfile Config and validated.
 *
 * <p>Immutable and thread-safe. Built by {@link #from(Config)}, which throws
 * {@link InvalidSettingException} naming the offending key, so that a bad value fails the
 * deployment (see {@link RwtConfigExtension}) instead of the first connection.
 */
public final class RwtSettings {

  /** How payloads are encrypted: {@code rwt.encryption.payloads}. */
  public enum EncryptionPolicy {
    /** Every MESSAGE is encrypted; unencrypted client messages are refused. */
    ALWAYS,
    /** Nothing is encrypted. */
    NEVER,
    /** Each message chooses; the server encrypts when the client's message was encrypted. */
    AUTO;

    /** Whether a client's MESSAGE or CALL is taken in: with {@link #ALWAYS}, an encrypted one only. */
    public boolean admits(boolean encrypted) {
      return encrypted || this != ALWAYS;
    }

    /**
     * Whether an outgoing MESSAGE or RESULT is encrypted: always, never, or (auto) as its origin
     * was, a relayed client message or the CALL answered.
     */
    public boolean encrypts(boolean originEncrypted) {
      return this == ALWAYS || (this == AUTO && originEncrypted);
    }
  }

  public static final String JWT_SECRET = "rwt.auth.jwt.secret";
  public static final String JWT_PUBLIC_KEY = "rwt.auth.jwt.public-key";
  public static final String JWT_ISSUER = "rwt.auth.jwt.issuer";
  public static final String JWT_AUDIENCE = "rwt.auth.jwt.audience";
  public static final String JWT_SINGLE_USE = "rwt.auth.jwt.single-use";
  public static final String ROTATION_PATTERN = "rwt.rotation.pattern";
  public static final String ROTATION_INTERVAL_MS = "rwt.rotation.interval-ms";
  public static final String ENCRYPTION_PAYLOADS = "rwt.encryption.payloads";
  public static final String IDENTITY_KEY = "rwt.identity.key";
  public static final String RESUME_TTL_MS = "rwt.session.resume-ttl-ms";
  public static final String BUFFER_BYTES = "rwt.session.buffer-bytes";
  public static final String HEARTBEAT_MS = "rwt.heartbeat-ms";
  public static final String MAX_FRAME_BYTES = "rwt.limits.max-frame-bytes";
  public static final String MAX_SUBSCRIPTIONS = "rwt.limits.max-subscriptions";
  public static final String MAX_CALLS = "rwt.limits.max-calls";
  public static final String MESSAGES_PER_SECOND = "rwt.limits.messages-per-second";
  public static final String ORIGINS = "rwt.origins";
  public static final String BACKPLANE = "rwt.backplane";
  public static final String BATCHING_ENABLED = "rwt.batching.enabled";
  public static final String METRICS_ENABLED = "rwt.metrics.enabled";
  public static final String METRICS_CHANNELS = "rwt.metrics.channels";
  public static final String LOG_REJECTIONS_PER_MINUTE = "rwt.log.rejections-per-minute";

  private static final int MIN_HS256_SECRET_BYTES = 32;
  /** Each listed channel is a tag value of two counters: the list stays short. */
  private static final int MAX_METRICS_CHANNELS = 100;

  private final Optional<String> jwtSecret;
  private final Optional<String> jwtPublicKey;
  private final Optional<String> jwtIssuer;
  private final Optional<String> jwtAudience;
  private final boolean jwtSingleUse;
  private final String rotationPattern;
  private final long rotationIntervalMs;
  private final EncryptionPolicy encryption;
  private final Optional<String> identityKey;
  private final long resumeTtlMs;
  private final long bufferBytes;
  private final long heartbeatMs;
  private final int maxFrameBytes;
  private final int maxSubscriptions;
  private final int maxCalls;
  private final int messagesPerSecond;
  private final List<String> origins;
  private final String backplane;
  private final boolean batching;
  private final boolean metricsEnabled;
  private final List<String> metricsChannels;
  private final int rejectionsLoggedPerMinute;

  private RwtSettings(Config config) {
    jwtSecret = optional(config, JWT_SECRET);
    jwtSecret.ifPresent(
        s -> {
          if (s.getBytes(StandardCharsets.UTF_8).length < MIN_HS256_SECRET_BYTES) {
            throw new InvalidSettingException(
                JWT_SECRET, "must be at least " + MIN_HS256_SECRET_BYTES + " bytes for HS256");
          }
        });
    jwtPublicKey = optional(config, JWT_PUBLIC_KEY);
    jwtIssuer = optional(config, JWT_ISSUER);
    jwtAudience = optional(config, JWT_AUDIENCE);
    jwtSingleUse = bool(config, JWT_SINGLE_USE, false);
    rotationPattern = text(config, ROTATION_PATTERN, "golden");
    rotationIntervalMs = positive(config, ROTATION_INTERVAL_MS, 60_000, 1, 86_400_000L);
    encryption = encryptionPolicy(config);
    identityKey = optional(config, IDENTITY_KEY);
    resumeTtlMs = positive(config, RESUME_TTL_MS, 120_000, 0, 86_400_000L);
    bufferBytes = positive(config, BUFFER_BYTES, 4_194_304, 1024, Integer.MAX_VALUE);
    heartbeatMs = positive(config, HEARTBEAT_MS, 25_000, 100, 3_600_000L);
    maxFrameBytes = (int) positive(config, MAX_FRAME_BYTES, 1_048_576, 256, 64L << 20);
    maxSubscriptions = (int) positive(config, MAX_SUBSCRIPTIONS, 128, 1, 65_535);
    maxCalls = (int) positive(config, MAX_CALLS, 256, 1, 1_000_000);
    messagesPerSecond = (int) positive(config, MESSAGES_PER_SECOND, 1000, 1, 100_000_000);
    origins = list(config, ORIGINS);
    backplane = text(config, BACKPLANE, "local");
    if (!List.of("local", "hazelcast", "jms").contains(backplane)) {
      throw new InvalidSettingException(BACKPLANE, "must be one of local, hazelcast, jms");
    }
    batching = bool(config, BATCHING_ENABLED, true);
    metricsEnabled = bool(config, METRICS_ENABLED, true);
    metricsChannels = list(config, METRICS_CHANNELS);
    if (metricsChannels.size() > MAX_METRICS_CHANNELS) {
      throw new InvalidSettingException(METRICS_CHANNELS, "at most " + MAX_METRICS_CHANNELS + " channels");
    }
    for (String channel : metricsChannels) {
      if (!ChannelNames.isValid(channel)) {
        throw new InvalidSettingException(METRICS_CHANNELS, "'" + channel + "' is not a channel name");
      }
    }
    rejectionsLoggedPerMinute = (int) positive(config, LOG_REJECTIONS_PER_MINUTE, 60, 0, 1_000_000);
  }

  /**
   * Reads and validates every key.
   *
   * @throws InvalidSettingException when a value is malformed or out of range
   */
  public static RwtSettings from(Config config) {
    return new RwtSettings(config);
  }

  private static Optional<String> optional(Config config, String key) {
    return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static String text(Config config, String key, String defaultValue) {
    return optional(config, key).orElse(defaultValue);
  }

  private static long positive(Config config, String key, long defaultValue, long min, long max) {
    Optional<String> raw = optional(config, key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(raw.get());
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(key, "'" + raw.get() + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw new InvalidSettingException(key, value + " is outside " + min + ".." + max);
    }
    return value;
  }

  /** A comma-separated list, blanks dropped; empty when unset. */
  private static List<String> list(Config config, String key) {
    return optional(config, key)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList())
        .orElse(List.of());
  }

  private static boolean bool(Config config, String key, boolean defaultValue) {
    String raw = text(config, key, String.valueOf(defaultValue));
    if (!raw.equals("true") && !raw.equals("false")) {
      throw new InvalidSettingException(key, "must be true or false");
    }
    return Boolean.parseBoolean(raw);
  }

  private static EncryptionPolicy encryptionPolicy(Config config) {
    String raw = text(config, ENCRYPTION_PAYLOADS, "auto");
    try {
      return EncryptionPolicy.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(ENCRYPTION_PAYLOADS, "must be always, never or auto");
    }
  }

  public Optional<String> jwtSecret() {
    return jwtSecret;
  }

  public Optional<String> jwtPublicKey() {
    return jwtPublicKey;
  }

  public Optional<String> jwtIssuer() {
    return jwtIssuer;
  }

  public Optional<String> jwtAudience() {
    return jwtAudience;
  }

  /** Whether each JWT's {@code jti} is accepted only once. */
  public boolean jwtSingleUse() {
    return jwtSingleUse;
  }

  public String rotationPattern() {
    return rotationPattern;
  }

  public long rotationIntervalMs() {
    return rotationIntervalMs;
  }

  public EncryptionPolicy encryption() {
    return encryption;
  }

  public Optional<String> identityKey() {
    return identityKey;
  }

  public long resumeTtlMs() {
    return resumeTtlMs;
  }

  public long bufferBytes() {
    return bufferBytes;
  }

  public long heartbeatMs() {
    return heartbeatMs;
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  public int maxSubscriptions() {
    return maxSubscriptions;
  }

  public int maxCalls() {
    return maxCalls;
  }

  public int messagesPerSecond() {
    return messagesPerSecond;
  }

  /** Allowed browser origins; empty means same origin only, {@code *} any. */
  public List<String> origins() {
    return origins;
  }

  public String backplane() {
    return backplane;
  }

  /** Whether {@code /rwt/metrics} serves the Prometheus scrape. */
  public boolean metricsEnabled() {
    return metricsEnabled;
  }

  /** Channels that get their own {@code channel} tag on the message counters; others share one. */
  public List<String> metricsChannels() {
    return metricsChannels;
  }

  /** Lines the rejection log writes per minute before it only counts (0: only the summaries). */
  public int rejectionsLoggedPerMinute() {
    return rejectionsLoggedPerMinute;
  }

  @Override
  public String toString() {
    // secrets stay out of logs: only say whether they are set
    return "RwtSettings[rotation=" + rotationPattern + "/" + rotationIntervalMs + "ms"
        + ", encryption=" + encryption
        + ", jwtSecret=" + (jwtSecret.isPresent() ? "set" : "unset")
        + ", jwtPublicKey=" + (jwtPublicKey.isPresent() ? "set" : "unset")
        + ", identityKey=" + (identityKey.isPresent() ? "set" : "unset")
        + ", resumeTtlMs=" + resumeTtlMs + ", bufferBytes=" + bufferBytes
        + ", heartbeatMs=" + heartbeatMs + ", maxFrameBytes=" + maxFrameBytes
        + ", maxSubscriptions=" + maxSubscriptions + ", maxCalls=" + maxCalls
        + ", messagesPerSecond=" + messagesPerSecond + ", origins=" + origins
        + ", backplane=" + backplane + ", metricsEnabled=" + metricsEnabled
        + ", metricsChannels=" + metricsChannels
        + ", rejectionsLoggedPerMinute=" + rejectionsLoggedPerMinute + "]";
  }

  /**
   * Whether frames that pile up while a send is in flight leave as one BATCH message
   * ({@code rwt.batching.enabled}, default true); off only to debug or to measure.
   */
  public boolean batching() {
    return batching;
  }
}
