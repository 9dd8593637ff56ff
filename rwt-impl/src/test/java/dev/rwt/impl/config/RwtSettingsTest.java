package dev.rwt.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class RwtSettingsTest {

  private static Config config(Map<String, String> values) {
    return new MapConfig(values);
  }

  private static InvalidSettingException invalid(String key, String value) {
    return assertThrows(InvalidSettingException.class, () -> RwtSettings.from(config(Map.of(key, value))));
  }

  @Test
  void everyKeyHasTheDocumentedDefault() {
    RwtSettings s = RwtSettings.from(config(Map.of()));
    assertEquals("golden", s.rotationPattern());
    assertEquals(60_000, s.rotationIntervalMs());
    assertEquals(RwtSettings.EncryptionPolicy.AUTO, s.encryption());
    assertEquals(120_000, s.resumeTtlMs());
    assertEquals(4_194_304, s.bufferBytes());
    assertEquals(25_000, s.heartbeatMs());
    assertEquals(1_048_576, s.maxFrameBytes());
    assertEquals(128, s.maxSubscriptions());
    assertEquals(256, s.maxCalls());
    assertEquals(1000, s.messagesPerSecond());
    assertEquals(List.of(), s.origins());
    assertEquals("local", s.backplane());
    assertFalse(s.jwtSecret().isPresent());
    assertFalse(s.jwtSingleUse());
    assertTrue(s.metricsEnabled());
    assertEquals(List.of(), s.metricsChannels());
    assertEquals(60, s.rejectionsLoggedPerMinute());
  }

  @Test
  void aMalformedNumberNamesItsKey() {
    InvalidSettingException e = invalid("rwt.limits.max-frame-bytes", "lots");
    assertEquals("rwt.limits.max-frame-bytes", e.key());
    assertEquals("RWT-CONFIG: rwt.limits.max-frame-bytes: 'lots' is not a whole number", e.getMessage());
  }

  @Test
  void valuesOutOfRangeAreRefused() {
    assertEquals("rwt.heartbeat-ms", invalid("rwt.heartbeat-ms", "0").key());
    assertEquals("rwt.limits.max-subscriptions", invalid("rwt.limits.max-subscriptions", "70000").key());
  }

  @Test
  void aShortJwtSecretIsRefused() {
    InvalidSettingException e = invalid("rwt.auth.jwt.secret", "too-short");
    assertTrue(e.getMessage().contains("at least 32 bytes"), e.getMessage());
  }

  @Test
  void unknownChoicesAreRefused() {
    assertEquals("rwt.encryption.payloads", invalid("rwt.encryption.payloads", "sometimes").key());
    assertEquals("rwt.backplane", invalid("rwt.backplane", "redis").key());
    assertEquals("rwt.auth.jwt.single-use", invalid("rwt.auth.jwt.single-use", "yes").key());
  }

  @Test
  void originsAreAListAndSecretsStayOutOfToString() {
    RwtSettings s =
        RwtSettings.from(
            config(Map.of("rwt.origins", " https://a.example , https://b.example ,",
                "rwt.auth.jwt.secret", "0123456789abcdef0123456789abcdef")));
    assertEquals(List.of("https://a.example", "https://b.example"), s.origins());
    assertFalse(s.toString().contains("0123456789abcdef"));
    assertTrue(s.toString().contains("jwtSecret=set"));
  }

  @Test
  void metricsChannelsAreAListOfChannelNames() {
    RwtSettings s = RwtSettings.from(config(Map.of("rwt.metrics.channels", "prices, chat,prices")));
    assertEquals(List.of("prices", "chat"), s.metricsChannels());
    InvalidSettingException e = invalid("rwt.metrics.channels", "prices,not a channel");
    assertEquals("RWT-CONFIG: rwt.metrics.channels: 'not a channel' is not a channel name", e.getMessage());
  }

  @Test
  void metricsChannelsAreFewSoThatTheirTagsStayBounded() {
    String many = String.join(",", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "c" + i).toList());
    assertEquals("RWT-CONFIG: rwt.metrics.channels: at most 100 channels", invalid("rwt.metrics.channels", many).getMessage());
  }

  @Test
  void opsSwitchesAreChecked() {
    assertEquals("rwt.metrics.enabled", invalid("rwt.metrics.enabled", "on").key());
    assertEquals("rwt.log.rejections-per-minute", invalid("rwt.log.rejections-per-minute", "-1").key());
    assertFalse(RwtSettings.from(config(Map.of("rwt.metrics.enabled", "false"))).metricsEnabled());
    assertEquals(0, RwtSettings.from(config(Map.of("rwt.log.rejections-per-minute", "0"))).rejectionsLoggedPerMinute());
  }
}
