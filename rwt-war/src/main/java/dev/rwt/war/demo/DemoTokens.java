package dev.rwt.war.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mints the demo's application tokens: HS256 JWTs signed with {@code rwt.auth.jwt.secret}, for
 * the built-in authenticator. They may subscribe to every channel, publish on {@code chat}
 * only (so that no tab can forge the server's figures) and call the {@code demo.*} methods.
 * Thread-safe.
 */
@ApplicationScoped
public class DemoTokens {

  /** What a page gets from /demo/token: short, renewed by the client before it runs out. */
  public static final Duration PAGE_TTL = Duration.ofMinutes(10);

  /** The token logged at start-up, to paste into a client by hand. */
  public static final Duration CONSOLE_TTL = Duration.ofHours(1);

  static final Map<String, Object> CLAIMS =
      Map.of("sub", List.of("*"), "pub", List.of(DashboardPublisher.CHAT), "rpc", List.of("demo.*"));

  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,24}");

  @Inject DemoSettings settings;
  @Inject Clock clock;

  /** A signed token for {@code name}, valid for {@code ttl}; empty when no secret is configured. */
  public Optional<Minted> mint(String name, Duration ttl) {
    Optional<String> secret = settings.jwtSecret();
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant exp = now.plus(ttl);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(name)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(exp))
            .claim("rwt", CLAIMS)
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret.get().getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a demo token", e);
    }
    return Optional.of(new Minted(jwt.serialize(), name, exp.toEpochMilli()));
  }

  /**
   * {@code requested} if it is a usable display name (letters, digits, space, {@code ._-}, at
   * most 24), else {@code fallback}.
   */
  public static String displayName(String requested, String fallback) {
    String name = requested == null ? "" : requested.strip();
    return NAME.matcher(name).matches() ? name : fallback;
  }

  /** A token, whom it names, and when it expires (epoch ms). */
  public record Minted(String token, String name, long expiresAt) {}
}
