package dev.rwt.backplane.jms;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Application tokens for the integration test, signed with the test deployment's secret. */
final class Tokens {

  static final String SECRET = "cluster-test-secret-0123456789abcdef";

  private Tokens() {}

  /** Everything allowed, for an hour. */
  static String all(String subject) {
    try {
      JWTClaimsSet claims = new JWTClaimsSet.Builder()
          .subject(subject)
          .issueTime(new Date())
          .expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
          .claim("rwt", Map.of("sub", List.of("*"), "pub", List.of("*"), "rpc", List.of("*")))
          .build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
