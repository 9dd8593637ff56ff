package dev.rwt.impl.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/** Makes the validated {@link RwtSettings} injectable. */
@ApplicationScoped
public class SettingsProducer {

  // @Singleton: RwtSettings is final and immutable, so it needs no client proxy
  @Produces
  @Singleton
  RwtSettings settings() {
    return RwtSettings.from(ConfigProvider.getConfig());
  }
}
