package dev.rwt.impl.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Validates RWT's configuration while the application deploys, so that a bad value stops the
 * deployment with a message naming the key rather than failing the first connection.
 */
public class RwtConfigExtension implements Extension {

  void validate(@Observes AfterDeploymentValidation event) {
    try {
      RwtSettings.from(ConfigProvider.getConfig());
    } catch (InvalidSettingException e) {
      event.addDeploymentProblem(e);
    }
  }
}
