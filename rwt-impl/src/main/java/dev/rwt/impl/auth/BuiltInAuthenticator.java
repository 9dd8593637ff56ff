package dev.rwt.impl.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rwt.api.RwtIdentity;
import dev.rwt.api.spi.RwtAuthenticationException;
import dev.rwt.api.spi.RwtAuthenticator;
import dev.rwt.impl.config.RwtSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The default {@link RwtAuthenticator}: JWTs verified under {@code rwt.auth.jwt.*}. With
 * {@code rwt.auth.jwt.single-use=true} each token's {@code jti} is accepted once. Applications
 * replace it with an enabled {@code @Alternative} bean of their own.
 */
@ApplicationScoped
public class BuiltInAuthenticator implements RwtAuthenticator {

  @Inject RwtSettings settings;
  @Inject Clock clock;

  private JwtVerifier verifier;
  private SingleUseTokens singleUse;

  @PostConstruct
  void init() {
    if (settings.jwtSecret().isPresent() || settings.jwtPublicKey().isPresent()) {
      verifier =
          new JwtVerifier(
              settings.jwtSecret(), settings.jwtPublicKey(), settings.jwtIssuer(), settings.jwtAudience());
    }
    if (settings.jwtSingleUse()) {
      singleUse = new SingleUseTokens(clock);
    }
  }

  @Override
  public RwtIdentity authenticate(String token) throws RwtAuthenticationException {
    if (verifier == null) {
      throw new RwtAuthenticationException(
          "no JWT key configured: set rwt.auth.jwt.secret or rwt.auth.jwt.public-key");
    }
    JWTClaimsSet claims = verifier.verify(token);
    if (singleUse != null) {
      singleUse.accept(claims);
    }
    return JwtVerifier.identity(claims);
  }
}
