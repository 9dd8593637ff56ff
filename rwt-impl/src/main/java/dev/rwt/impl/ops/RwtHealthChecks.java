package dev.rwt.impl.ops;

import dev.rwt.impl.config.InvalidSettingException;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.session.ClusterFanout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * RWT's MicroProfile Health checks, run by the server's own health endpoint (Payara:
 * {@code /health}; WildFly: {@code /health} on the management port, with the
 * microprofile-health subsystem). Readiness: the endpoint is deployed ({@code rwt-endpoint}),
 * the backplane is reachable ({@code rwt-backplane}), the configuration is valid
 * ({@code rwt-config}). Liveness: the connection timer, which sends heartbeats and ACKs and
 * ends expired sessions, is running ({@code rwt-timer}; it starts with the first connection).
 * Each check is cheap and touches no network. The server runs them from its own health
 * endpoint, outside this application's requests: they read state, and create no bean that
 * needs the application's naming context.
 */
@ApplicationScoped
public class RwtHealthChecks {

  /** The connection timer runs every 50 ms: silence this long means it is dead or starved. */
  static final long TIMER_STALL_MS = 30_000;

  @Inject EndpointStatus endpoint;
  @Inject RwtMetrics metrics;
  @Inject RwtSettings settings;
  @Inject ClusterFanout fanout;
  @Inject Clock clock;

  @Produces
  @Readiness
  HealthCheck endpointCheck() {
    return () -> endpoint(endpoint.deployed());
  }

  @Produces
  @Readiness
  HealthCheck backplaneCheck() {
    return () -> backplane(settings.backplane(), fanout);
  }

  @Produces
  @Readiness
  HealthCheck configCheck() {
    return () -> config(ConfigProvider.getConfig());
  }

  @Produces
  @Liveness
  HealthCheck timerCheck() {
    return () -> {
      long last = metrics.lastTickMs();
      return last == 0 ? response("rwt-timer", true, Map.of("started", false)) : timer(clock.millis() - last);
    };
  }

  static HealthCheckResponse endpoint(boolean deployed) {
    return response("rwt-endpoint", deployed, Map.of("path", "/rwt"));
  }

  /** A node whose backplane is not open, or reports an outage, is not ready. */
  static HealthCheckResponse backplane(String type, ClusterFanout fanout) {
    String problem = Backplanes.problem(type, fanout);
    if (problem == null) {
      return response("rwt-backplane", true, Map.of("type", type));
    }
    return response("rwt-backplane", false, Map.of("type", type, "error", problem));
  }

  /** The configuration as it reads now: sources such as the environment may have changed. */
  static HealthCheckResponse config(Config config) {
    try {
      RwtSettings.from(config);
      return response("rwt-config", true, Map.of());
    } catch (InvalidSettingException e) {
      return response("rwt-config", false, Map.of("error", e.getMessage()));
    }
  }

  static HealthCheckResponse timer(long silentMs) {
    return response("rwt-timer", silentMs < TIMER_STALL_MS, Map.of("last-run-ms-ago", Math.max(0, silentMs)));
  }

  private static HealthCheckResponse response(String name, boolean up, Map<String, Object> data) {
    return new HealthCheckResponse(
        name, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        data.isEmpty() ? Optional.empty() : Optional.of(data));
  }
}
