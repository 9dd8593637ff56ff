package dev.rwt.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

class RwtSettingsTest {

  /** A Config over a map: just what RwtSettings reads. */
  private static Config config(Map<String, String> values) {
    return new Config() {
      @Override
      public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow();
      }

      @Override
      public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        return Optional.ofNullable(type.cast(values.get(name)));
      }

      @Override
      public Iterable<String> getPropertyNames() {
        return values.keySet();
      }

      @Override
      public Iterable<ConfigSource> getConfigSources() {
        return List.of();
      }

      @Override
      public <T> Optional<Converter<T>> getConverter(Class<T> type) {
        return Optional.empty();
      }

      @Override
      public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
      }
    };
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
}
