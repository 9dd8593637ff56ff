package dev.rwt.war.demo;

import dev.rwt.api.RwtChannel;
import dev.rwt.api.RwtChannels;
import dev.rwt.api.RwtException;
import dev.rwt.api.RwtRpc;
import dev.rwt.api.RwtSessionClosed;
import dev.rwt.api.RwtSessionOpened;
import dev.rwt.impl.ops.RwtMetrics;
import dev.rwt.impl.session.Connections;
import dev.rwt.impl.session.Sessions;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dashboard's data source (with {@code rwt.demo.enabled=true} only): every second a
 * {@link Metrics} sample on {@code metrics}, every five seconds a {@link Status} on
 * {@code status}, and an {@link Alert} on {@code alerts} when something crosses a threshold or
 * someone joins or leaves. One task on the container's managed scheduler; its state is touched
 * by that task only, except the atomic counters. Thread-safe.
 */
@ApplicationScoped
public class DashboardPublisher {

  public static final String METRICS = "metrics";
  public static final String ALERTS = "alerts";
  public static final String STATUS = "status";
  public static final String CHAT = "chat";

  static final long PERIOD_MS = 1000;
  private static final int STATUS_EVERY_TICKS = 5;
  private static final Logger LOG = Logger.getLogger(DashboardPublisher.class.getName());

  @Inject DemoSettings settings;
  @Inject DemoTokens tokens;
  @Inject JvmProbe jvm;
  @Inject Connections connections;
  @Inject Sessions sessions;
  @Inject RwtMetrics rwtMetrics;
  @Inject Clock clock;

  @Inject RwtChannels channels;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  private RwtChannel metrics;
  private RwtChannel alerts;
  private RwtChannel status;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong alertIds = new AtomicLong();
  private final Thresholds thresholds = new Thresholds();
  private volatile long startedAt;
  private volatile ScheduledFuture<?> task;
  private long ticks;
  private long lastMessages; // the task's only
  private long lastSampleMs; // the task's only

  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    if (!settings.enabled()) {
      return;
    }
    startedAt = clock.millis();
    metrics = channels.channel(METRICS);
    alerts = channels.channel(ALERTS);
    status = channels.channel(STATUS);
    task = scheduler.scheduleAtFixedRate(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    announce();
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  /** Someone opened the dashboard (a new session, not a resume). */
  void opened(@Observes RwtSessionOpened event) {
    if (task != null) {
      alert("info", event.session().identity().id() + " connected", "new RWT session");
    }
  }

  void closed(@Observes RwtSessionClosed event) {
    if (task != null) {
      alert("info", event.session().identity().id() + " left", "session ended");
    }
  }

  /** The current status at once, so that a page need not wait for the next one. */
  @RwtRpc("demo.status")
  Status currentStatus() {
    if (task == null) {
      throw new RwtException("DEMO_DISABLED", "the demo is not enabled");
    }
    return statusNow();
  }

  private void tick() {
    try {
      Metrics sample = sample();
      metrics.publish(sample);
      published.incrementAndGet();
      for (Thresholds.Crossing c : thresholds.check(sample)) {
        alert(c.level(), c.title(), c.detail());
      }
      if (++ticks % STATUS_EVERY_TICKS == 0) {
        status.publish(statusNow());
        published.incrementAndGet();
      }
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again: log and carry on
      LOG.log(Level.WARNING, "demo tick failed", e);
    }
  }

  private Metrics sample() {
    JvmProbe.Reading r = jvm.read();
    RwtMetrics.Totals totals = rwtMetrics.totals();
    long now = clock.millis();
    long messages = totals.received() + totals.delivered();
    double perSecond = lastSampleMs == 0 ? 0 : (messages - lastMessages) * 1000.0 / Math.max(1, now - lastSampleMs);
    lastMessages = messages;
    lastSampleMs = now;
    return new Metrics(
        clock.millis(),
        r.processCpu(),
        r.systemCpu(),
        r.heapUsed(),
        r.heapMax(),
        r.threads(),
        r.uptimeMs(),
        connections.openCount(),
        sessions.count(),
        metrics.subscriberCount(),
        published.get(),
        perSecond,
        totals.rotations(),
        totals.rejected());
  }

  private Status statusNow() {
    var rwt = settings.rwt();
    return new Status(
        "up",
        startedAt,
        clock.millis() - startedAt,
        Runtime.version().toString(),
        Runtime.getRuntime().availableProcessors(),
        rwt.rotationPattern(),
        rwt.rotationIntervalMs(),
        rwt.encryption().name().toLowerCase(java.util.Locale.ROOT),
        rwt.heartbeatMs(),
        rwt.backplane(),
        connections.openCount(),
        sessions.count());
  }

  private void alert(String level, String title, String detail) {
    alerts.publish(new Alert("a-" + alertIds.incrementAndGet(), level, title, detail, clock.millis()));
    published.incrementAndGet();
  }

  private void announce() {
    String link = "the dashboard is the WAR's start page";
    tokens
        .mint("console", DemoTokens.CONSOLE_TTL)
        .ifPresentOrElse(
            t ->
                LOG.info(
                    "RWT demo enabled: "
                        + link
                        + ". Demo token for 'console' (1 h; signed with the rwt.auth.jwt.secret given,"
                        + " which in the run profile is a public secret for local use only): "
                        + t.token()),
            () -> LOG.warning("RWT demo enabled but rwt.auth.jwt.secret is not set: no demo tokens"));
  }

  /**
   * One sample, published each second. CPU loads are 0..1, or -1 when the JVM cannot tell.
   * {@code messagesPerSecond} counts MESSAGE frames in and out over the last second;
   * {@code rotations} and {@code rejected} are totals of the server's metrics (docs/operations.md).
   */
  public record Metrics(
      long ts,
      double cpu,
      double systemCpu,
      long heapUsed,
      long heapMax,
      int threads,
      long uptimeMs,
      int connections,
      int sessions,
      int viewers,
      long published,
      double messagesPerSecond,
      long rotations,
      long rejected) {}

  /** What the server runs with; published every five seconds and answered by demo.status. */
  public record Status(
      String state,
      long startedAt,
      long uptimeMs,
      String java,
      int cpus,
      String rotationPattern,
      long rotationIntervalMs,
      String encryption,
      long heartbeatMs,
      String backplane,
      int connections,
      int sessions) {}

  /** Level is info, warning or critical. */
  public record Alert(String id, String level, String title, String detail, long ts) {}
}
