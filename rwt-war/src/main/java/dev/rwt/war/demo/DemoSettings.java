package dev.rwt.war.demo;

import dev.rwt.impl.config.RwtSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the demo is on ({@code rwt.demo.enabled}, default {@code false}) and the secret its
 * tokens are signed with ({@code rwt.auth.jwt.secret}, the built-in authenticator's). Off, the
 * WAR publishes nothing of its own and the token endpoint answers 404. Thread-safe.
 */
@ApplicationScoped
public class DemoSettings {

  public static final String ENABLED = "rwt.demo.enabled";

  @Inject
  @ConfigProperty(name = ENABLED, defaultValue = "false")
  boolean enabled;

  @Inject RwtSettings settings;

  public boolean enabled() {
    return enabled;
  }

  /** The HS256 secret, when one is configured. */
  public Optional<String> jwtSecret() {
    return settings.jwtSecret();
  }

  public RwtSettings rwt() {
    return settings;
  }
}
