package dev.rwt.impl.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rwt.api.spi.RwtAuthenticationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the {@code jti} of single-use connection tokens until they expire, so that each is
 * accepted once. Tokens must carry {@code jti} and {@code iat} and live at most
 * {@link #MAX_LIFETIME}. Thread-safe.
 */
final class SingleUseTokens {

  static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

  private final Map<String, Long> seen = new ConcurrentHashMap<>();
  private final Clock clock;

  SingleUseTokens(Clock clock) {
    this.clock = clock;
  }

  /** Accepts {@code claims} once; a second use, or a token that is not single-use, throws. */
  void accept(JWTClaimsSet claims) throws RwtAuthenticationException {
    String jti = claims.getJWTID();
    Date iat = claims.getIssueTime();
    if (jti == null || iat == null) {
      throw new RwtAuthenticationException("a single-use token needs jti and iat");
    }
    long exp = claims.getExpirationTime().getTime();
    if (exp - iat.getTime() > MAX_LIFETIME.toMillis()) {
      throw new RwtAuthenticationException("a single-use token may live at most 5 minutes");
    }
    long now = clock.millis();
    seen.values().removeIf(expiry -> expiry < now);
    if (seen.putIfAbsent(jti, exp) != null) {
      throw new RwtAuthenticationException("token already used");
    }
  }
}
