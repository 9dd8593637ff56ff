package dev.rwt.client.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** HS256 application tokens signed with the test deployment's secret. */
final class Tokens {
  static final String SECRET = "client-integration-test-secret-0123456789";

  /** Everything allowed. */
  static final Map<String, Object> ALL = Map.of("sub", List.of("*"), "pub", List.of("*"), "rpc", List.of("*"));

  private Tokens() {}

  static String token(String subject, Map<String, Object> rwt, long ttlMs) {
    try {
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
          .expirationTime(new Date(System.currentTimeMillis() + ttlMs));
      if (rwt != null) {
        claims.claim("rwt", rwt);
      }
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
      jwt.sign(new MACSigner(SECRET.getBytes()));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String all(String subject) {
    return token(subject, ALL, 3_600_000);
  }

  /** Signed with another secret: the server refuses it. */
  static String forged(String subject) {
    try {
      JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
          .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner("another-secret-that-is-long-enough-0123456789".getBytes()));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
