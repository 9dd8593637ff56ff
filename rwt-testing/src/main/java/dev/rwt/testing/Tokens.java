package dev.rwt.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * HS256 application tokens for the integration tests, signed with {@link #SECRET}, which every
 * test deployment configures as {@code rwt.auth.jwt.secret}.
 */
public final class Tokens {

  /** The test deployments' signing secret. It is public: it is right here. */
  public static final String SECRET = "integration-test-secret-0123456789abcdef";

  /** The {@code rwt} claim that allows everything. */
  public static final Map<String, Object> ALL =
      Map.of("sub", List.of("*"), "pub", List.of("*"), "rpc", List.of("*"));

  private static final long ONE_HOUR_MS = 3_600_000;

  private Tokens() {}

  /** A token for {@code subject} with {@code rwt} as its {@code rwt} claim (none when null), valid for an hour. */
  public static String token(String subject, Map<String, Object> rwt) {
    return token(subject, rwt, ONE_HOUR_MS);
  }

  /** A token for {@code subject} that expires {@code ttlMs} from now (in the past when negative). */
  public static String token(String subject, Map<String, Object> rwt, long ttlMs) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .issueTime(new Date())
        .expirationTime(new Date(System.currentTimeMillis() + ttlMs));
    if (rwt != null) {
      claims.claim("rwt", rwt);
    }
    return signed(claims.build(), SECRET);
  }

  /** A token for {@code subject} that allows everything, valid for an hour. */
  public static String all(String subject) {
    return token(subject, ALL);
  }

  /** A well-formed token signed with another secret: the servers refuse it. */
  public static String forged(String subject) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .expirationTime(new Date(System.currentTimeMillis() + 60_000))
        .build();
    return signed(claims, "another-secret-that-is-long-enough-0123456789");
  }

  private static String signed(JWTClaimsSet claims, String secret) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
