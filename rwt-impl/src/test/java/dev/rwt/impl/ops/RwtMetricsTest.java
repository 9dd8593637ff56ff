package dev.rwt.impl.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwt.api.RwtSessionClosed;
import dev.rwt.api.RwtSessionOpened;
import dev.rwt.api.RwtSessionResumed;
import dev.rwt.impl.config.MapConfig;
import dev.rwt.impl.config.RwtSettings;
import dev.rwt.impl.session.ClusterFanout;
import dev.rwt.impl.session.Connections;
import dev.rwt.impl.session.Sessions;
import dev.rwt.protocol.CloseCode;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters under the names and tags docs/operations.md lists, as Prometheus scrapes them. */
class RwtMetricsTest {

  private final RwtMetrics metrics = new RwtMetrics();

  @BeforeEach
  void start() {
    metrics.settings = RwtSettings.from(new MapConfig(Map.of(
        "rwt.metrics.channels", "prices", "rwt.log.rejections-per-minute", "0")));
    metrics.connections = new Connections();
    metrics.sessions = new Sessions();
    metrics.fanout = new ClusterFanout();
    metrics.clock = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    metrics.start();
  }

  private String scrape(String contentType) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.scrape(out, contentType);
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<String> samples() throws Exception {
    return scrape(PrometheusTextFormatWriter.CONTENT_TYPE).lines().filter(l -> !l.startsWith("#")).toList();
  }

  @Test
  void everyMeterIsThereBeforeAnythingHappens() throws Exception {
    List<String> samples = samples();
    for (String sample : List.of(
        "rwt_connections 0.0",
        "rwt_connections_opened_total 0.0",
        "rwt_connections_closed_total 0.0",
        "rwt_connections_rejected_total{code=\"SLOW_CONSUMER\"} 0.0",
        "rwt_sessions{state=\"attached\"} 0.0",
        "rwt_sessions{state=\"detached\"} 0.0",
        "rwt_sessions_retained_bytes 0.0",
        "rwt_sessions_opened_total 0.0",
        "rwt_sessions_resumed_total 0.0",
        "rwt_sessions_ended_total{reason=\"EXPIRED\"} 0.0",
        "rwt_messages_received_total{channel=\"(direct)\"} 0.0",
        "rwt_messages_delivered_total{channel=\"(other)\"} 0.0",
        "rwt_rotations_total 0.0",
        "rwt_backplane_up{type=\"local\"} 1.0",
        "rwt_delivery_latency_seconds_count 0")) {
      assertTrue(samples.contains(sample), sample + " in " + samples);
    }
  }

  @Test
  void countersMoveByWhatWasReported() throws Exception {
    metrics.connectionOpened();
    metrics.connectionOpened();
    metrics.connectionClosed();
    metrics.rejected(CloseCode.RATE_LIMITED, "sustained flooding", "1", "mallory");
    metrics.rejected(CloseCode.SLOW_CONSUMER, "over the buffer", "2", "bob");
    metrics.rejected(CloseCode.SLOW_CONSUMER, "over the buffer", "3", "bob");
    metrics.received("prices");
    metrics.received("user.1");
    metrics.received("user.2");
    metrics.received(null);
    metrics.delivered("prices", 3, 3);
    metrics.delivered("user.1", 1, 250);
    metrics.delivered("user.2", 0, 9000);
    metrics.rotated();
    metrics.opened(new RwtSessionOpened(null));
    metrics.resumed(new RwtSessionResumed(null));
    metrics.ended(new RwtSessionClosed(null, 1001, "EXPIRED"));
    List<String> samples = samples();
    for (String sample : List.of(
        "rwt_connections_opened_total 2.0",
        "rwt_connections_closed_total 1.0",
        "rwt_connections_rejected_total{code=\"RATE_LIMITED\"} 1.0",
        "rwt_connections_rejected_total{code=\"SLOW_CONSUMER\"} 2.0",
        "rwt_messages_received_total{channel=\"prices\"} 1.0",
        "rwt_messages_received_total{channel=\"(other)\"} 2.0",
        "rwt_messages_received_total{channel=\"(direct)\"} 1.0",
        "rwt_messages_delivered_total{channel=\"prices\"} 3.0",
        "rwt_messages_delivered_total{channel=\"(other)\"} 1.0",
        "rwt_rotations_total 1.0",
        "rwt_sessions_opened_total 1.0",
        "rwt_sessions_resumed_total 1.0",
        "rwt_sessions_ended_total{reason=\"EXPIRED\"} 1.0",
        "rwt_delivery_latency_seconds_count 2",
        "rwt_delivery_latency_seconds_sum 0.253")) {
      assertTrue(samples.contains(sample), sample + " in " + samples);
    }
    assertEquals(new RwtMetrics.Totals(4, 4, 1, 3), metrics.totals());
  }

  @Test
  void noChannelOutsideTheListBecomesATag() throws Exception {
    for (int i = 0; i < 50; i++) {
      metrics.received("user." + i);
      metrics.delivered("user." + i, 1, 1);
    }
    String text = scrape(PrometheusTextFormatWriter.CONTENT_TYPE);
    assertFalse(text.contains("user."), text);
  }

  @Test
  void theLatencyIsAHistogramForHistogramQuantile() throws Exception {
    metrics.delivered("prices", 1, 40);
    List<String> samples = samples();
    assertTrue(samples.contains("rwt_delivery_latency_seconds_bucket{le=\"0.039146836\"} 0"), samples.toString());
    assertTrue(samples.contains("rwt_delivery_latency_seconds_bucket{le=\"0.044739241\"} 1"), samples.toString());
    assertTrue(samples.contains("rwt_delivery_latency_seconds_bucket{le=\"+Inf\"} 1"), samples.toString());
  }

  @Test
  void codesBelow4000AreNotRejections() throws Exception {
    metrics.rejected(CloseCode.GOING_AWAY, "server shutting down", "1", null);
    assertEquals(0, metrics.totals().rejected());
    assertFalse(scrape(PrometheusTextFormatWriter.CONTENT_TYPE).contains("code=\"GOING_AWAY\""));
  }

  @Test
  void openMetricsIsServedToo() throws Exception {
    metrics.connectionOpened();
    String text = scrape(OpenMetricsTextFormatWriter.CONTENT_TYPE);
    assertTrue(text.contains("rwt_connections_opened_total 1.0"), text);
    assertTrue(text.endsWith("# EOF\n"), text);
  }
}
