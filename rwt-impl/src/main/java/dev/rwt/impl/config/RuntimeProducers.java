package dev.rwt.impl.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces what RWT's services share: the validated settings, the clock and the source of
 * randomness. Injected rather than static so that tests can seed and fix them.
 */
@ApplicationScoped
public class RuntimeProducers {

  // @Singleton: these types are final, so they get no client proxy
  @Produces
  @Singleton
  RwtSettings settings() {
    return RwtSettings.from(ConfigProvider.getConfig());
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  SecureRandom random() {
    return new SecureRandom();
  }
}
