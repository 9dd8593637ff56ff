package dev.rwt.bench.load;

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
 * Application tokens for the load generator, signed with the bench WAR's public, local-only
 * secret (rwt-bench-war's microprofile-config.properties): subscribe, publish and call anything,
 * valid for two hours.
 */
final class BenchTokens {
  static final String SECRET = "rwt-bench-secret-local-only-0123456789abcdef";
  private static final long TTL_MS = 2 * 3_600_000L;

  private BenchTokens() {}

  static String token(String subject) {
    Map<String, Object> all = Map.of("sub", List.of("*"), "pub", List.of("*"), "rpc", List.of("*"));
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
        .expirationTime(new Date(System.currentTimeMillis() + TTL_MS)).claim("rwt", all).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a bench token", e);
    }
    return jwt.serialize();
  }
}
