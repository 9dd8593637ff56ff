package dev.rwt.impl.ops;

import dev.rwt.api.RwtSession;
import dev.rwt.api.RwtSessionClosed;
import dev.rwt.api.RwtSessionOpened;
import dev.rwt.api.RwtSessionResumed;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.session.ClusterFanout;
import dev.rwt.impl.session.Connections;
import dev.rwt.impl.session.Sessions;
import dev.rwt.protocol.CloseCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * RWT's meters, in a Micrometer registry of this application's own that {@link MetricsServlet}
 * exposes in the Prometheus format (docs/operations.md lists them). The session classes report
 * what happens through the methods below; gauges read {@link Connections} and {@link Sessions}
 * when scraped. Every tag has a bounded set of values: close code labels, and the channels of
 * {@link ChannelTags}. Thread-safe: the meters are, and the maps that hold them are filled once
 * in {@link #start()} and only read afterwards.
 */
@ApplicationScoped
public class RwtMetrics {

  private static final Logger REJECTIONS = Logger.getLogger("dev.rwt.rejections");
  /** Delivery latency histogram range: in-process fan-out, milliseconds to seconds. */
  private static final Duration LATENCY_MIN = Duration.ofMillis(1);
  private static final Duration LATENCY_MAX = Duration.ofSeconds(10);
  /** The reason of {@link RwtSessionClosed} for a session whose resume time ran out. */
  private static final String EXPIRED = "EXPIRED";

  @Inject RwtSettings settings;
  @Inject Connections connections;
  @Inject Sessions sessions;
  @Inject ClusterFanout fanout;
  @Inject Clock clock;

  private PrometheusMeterRegistry registry;
  private ChannelTags channelTags;
  private Counter connectionsOpened;
  private Counter connectionsClosed;
  private Counter rotations;
  private Counter sessionsOpened;
  private Counter sessionsResumed;
  private final Map<CloseCode, Counter> rejected = new EnumMap<>(CloseCode.class);
  private final Map<String, Counter> sessionsEnded = new HashMap<>();
  private final Map<String, Counter> received = new HashMap<>();
  private final Map<String, Counter> delivered = new HashMap<>();
  private Timer latency;
  private RejectionLog rejectionLog;
  private volatile long lastTickMs;

  /**
   * This bean's instance rather than its client proxy, for the per-frame path
   * ({@code Connections.direct}).
   */
  public Supplier<RwtMetrics> direct() {
    return () -> this;
  }

  @PostConstruct
  void start() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    channelTags = new ChannelTags(settings.metricsChannels());
    rejectionLog = new RejectionLog(REJECTIONS, settings.rejectionsLoggedPerMinute(), clock.millis());
    gauges();
    connectionsOpened = counter("rwt.connections.opened", "WebSocket connections opened");
    connectionsClosed = counter("rwt.connections.closed", "WebSocket connections closed, for any reason");
    rotations = counter("rwt.rotations", "Epochs advanced: a connection began sealing under newer keys");
    sessionsOpened = counter("rwt.sessions.opened", "New RWT sessions");
    sessionsResumed = counter("rwt.sessions.resumed", "Sessions resumed on a new connection");
    for (CloseCode code : CloseCode.values()) {
      if (code.code() >= CloseCode.PROTOCOL.code()) {
        rejected.put(code, Counter.builder("rwt.connections.rejected").tag("code", code.label())
            .description("Connections the server closed for a violation, by close code").register(registry));
      }
      sessionsEnded.put(code.label(), ended(code.label()));
    }
    sessionsEnded.put(EXPIRED, ended(EXPIRED));
    for (String tag : channelTags.values()) {
      received.put(tag, Counter.builder("rwt.messages.received").tag("channel", tag)
          .description("MESSAGE frames taken in from clients").register(registry));
      if (!ChannelTags.DIRECT.equals(tag)) {
        delivered.put(tag, Counter.builder("rwt.messages.delivered").tag("channel", tag)
            .description("MESSAGE frames handed to subscribers' sessions").register(registry));
      }
    }
    // a histogram (not client-side percentiles): p99 comes from histogram_quantile() over the
    // buckets, which also aggregates across nodes
    latency = Timer.builder("rwt.delivery.latency")
        .description("From publish (or relay) to the frame queued for a subscriber")
        .publishPercentileHistogram()
        .minimumExpectedValue(LATENCY_MIN)
        .maximumExpectedValue(LATENCY_MAX)
        .register(registry);
  }

  private void gauges() {
    Gauge.builder("rwt.connections", connections::openCount)
        .description("Open WebSocket connections").register(registry);
    Gauge.builder("rwt.sessions", () -> sessions.count() - detachedSessions()).tag("state", "attached")
        .description("Sessions by state: attached to a connection, or kept for a resume").register(registry);
    Gauge.builder("rwt.sessions", this::detachedSessions).tag("state", "detached")
        .description("Sessions by state: attached to a connection, or kept for a resume").register(registry);
    Gauge.builder("rwt.backplane.up", () -> Backplanes.reachable(settings.backplane(), fanout) ? 1 : 0)
        .tag("type", settings.backplane())
        .description("1 when the backplane of rwt.backplane is reachable, else 0").register(registry);
    Gauge.builder("rwt.sessions.retained", sessions::retainedBytes).baseUnit(BaseUnits.BYTES)
        .description("Unacknowledged frames kept for resends, over every session").register(registry);
  }

  private int detachedSessions() {
    int detached = 0;
    for (RwtSession s : sessions.all()) {
      if (!s.isConnected()) {
        detached++;
      }
    }
    return detached;
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private Counter ended(String reason) {
    return Counter.builder("rwt.sessions.ended").tag("reason", reason)
        .description("Sessions ended, by close code label, or EXPIRED when no resume came").register(registry);
  }

  @PreDestroy
  void stop() {
    registry.close();
  }

  // ---- reported by the session classes --------------------------------------------------

  public void connectionOpened() {
    connectionsOpened.increment();
  }

  public void connectionClosed() {
    connectionsClosed.increment();
  }

  /**
   * The server closes a connection for a violation (close codes 4000 to 4011): counted, and
   * logged by the rate-limited rejection log. {@code connection} and {@code principal} may be null.
   */
  public void rejected(CloseCode code, String reason, String connection, String principal) {
    Counter counter = rejected.get(code);
    if (counter == null) {
      return;
    }
    counter.increment();
    rejectionLog.rejected(clock.millis(), code, reason, connection, principal);
  }

  /** A client MESSAGE taken in; {@code channel} is null for a direct message. */
  public void received(String channel) {
    received.get(channelTags.of(channel)).increment();
  }

  /**
   * A MESSAGE handed to {@code subscribers} sessions of this node, the last of them
   * {@code latencyMs} after it was published: one latency sample per message, however many
   * receive it. Nothing is recorded when no one did.
   */
  public void delivered(String channel, int subscribers, long latencyMs) {
    if (subscribers <= 0) {
      return;
    }
    delivered.get(channelTags.of(channel)).increment(subscribers);
    latency.record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
  }

  /** A connection began sealing under a newer epoch. */
  public void rotated() {
    rotations.increment();
  }

  /** The connection timer ran: proof of life, and the moment to write a rejection summary. */
  public void ticked(long nowMs) {
    lastTickMs = nowMs;
    rejectionLog.flush(nowMs);
  }

  void opened(@Observes RwtSessionOpened event) {
    sessionsOpened.increment();
  }

  void resumed(@Observes RwtSessionResumed event) {
    sessionsResumed.increment();
  }

  void ended(@Observes RwtSessionClosed event) {
    Counter counter = sessionsEnded.get(event.reason());
    if (counter != null) {
      counter.increment();
    }
  }

  // ---- read by the servlet, the health checks and the dashboard -----------------------------

  /** Writes every meter in the exposition format of {@code contentType} (Prometheus text or OpenMetrics). */
  public void scrape(OutputStream out, String contentType) throws IOException {
    registry.scrape(out, contentType);
  }

  /**
   * When the connection timer last ran, or 0 before its first run: it starts with the first
   * connection.
   */
  public long lastTickMs() {
    return lastTickMs;
  }

  /** Running totals, for the demo dashboard. */
  public Totals totals() {
    double rejectedTotal = 0;
    for (Counter c : rejected.values()) {
      rejectedTotal += c.count();
    }
    return new Totals(sum(received), sum(delivered), (long) rotations.count(), (long) rejectedTotal);
  }

  private static long sum(Map<String, Counter> counters) {
    double total = 0;
    for (Counter c : counters.values()) {
      total += c.count();
    }
    return (long) total;
  }

  /** Counts since the application started. */
  public record Totals(long received, long delivered, long rotations, long rejected) {}
}
