package dev.rwt.impl.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.rwt.api.RwtIdentity;
import dev.rwt.api.spi.RwtAuthenticationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies JWTs with nimbus-jose-jwt: HS256 under a shared secret, ES256 or RS256 under a PEM
 * public key; {@code sub} and {@code exp} required; {@code iss}/{@code aud} checked when set.
 * Immutable and thread-safe.
 */
public final class JwtVerifier {

  /** Allowed difference between the issuer's clock and ours when checking {@code exp}. */
  private static final int CLOCK_SKEW_SECONDS = 5;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * @param secret HS256 secret (at least 32 bytes), or empty
   * @param publicKeyPem a PEM {@code PUBLIC KEY} (EC P-256 or RSA), or empty
   * @param issuer required {@code iss}, or empty
   * @param audience required {@code aud}, or empty
   * @throws IllegalArgumentException when neither key is given or the PEM is not a public key
   */
  public JwtVerifier(
      Optional<String> secret, Optional<String> publicKeyPem, Optional<String> issuer, Optional<String> audience) {
    List<JWK> keys = new ArrayList<>();
    Set<JWSAlgorithm> algorithms = new HashSet<>();
    secret.ifPresent(
        s -> {
          keys.add(new OctetSequenceKey.Builder(s.getBytes(StandardCharsets.UTF_8)).build());
          algorithms.add(JWSAlgorithm.HS256);
        });
    if (publicKeyPem.isPresent()) {
      PublicKey key = parsePem(publicKeyPem.get());
      if (key instanceof ECPublicKey ec) {
        keys.add(new ECKey.Builder(Curve.P_256, ec).build());
        algorithms.add(JWSAlgorithm.ES256);
      } else {
        keys.add(new RSAKey.Builder((RSAPublicKey) key).build());
        algorithms.add(JWSAlgorithm.RS256);
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no JWT secret or public key configured");
    }
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(new JWKSet(keys))));
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    issuer.ifPresent(exact::issuer);
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience.map(Set::of).orElse(null), exact.build(), Set.of("sub", "exp"), null);
    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** Verifies {@code token} and returns its claims. */
  public JWTClaimsSet verify(String token) throws RwtAuthenticationException {
    if (token == null || token.isBlank()) {
      throw new RwtAuthenticationException("no token");
    }
    try {
      return processor.process(token, null);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new RwtAuthenticationException("invalid token: " + e.getMessage(), e);
    }
  }

  /** The identity a verified token describes. */
  public static RwtIdentity identity(JWTClaimsSet claims) {
    Instant exp = claims.getExpirationTime().toInstant();
    return new RwtIdentity(claims.getSubject(), "", Optional.of(exp), compact(claims.getClaims()));
  }

  /**
   * The claims as an identity keeps them for its session's whole life: JSON objects and arrays
   * as immutable maps and lists, member names shared with every other token's (names come from
   * verified tokens only), null members left out. As parsed, every token brought a tree map
   * node and a new String for each name, and a ten-slot list for each array: over half a
   * kilobyte per idle connection for a claim like {@code rwt}.
   */
  @SuppressWarnings("unchecked")
  static <T> T compact(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new HashMap<>();
      map.forEach((name, member) -> {
        if (member != null) {
          out.put(((String) name).intern(), compact(member));
        }
      });
      return (T) Map.copyOf(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(compact(item)));
      return (T) (out.contains(null) ? Collections.unmodifiableList(out) : List.copyOf(out));
    }
    return value;
  }

  static PublicKey parsePem(String pem) {
    String base64 =
        pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the public key is not PEM", e);
    }
    for (String algorithm : List.of("EC", "RSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw new IllegalArgumentException("the public key is neither an EC nor an RSA PUBLIC KEY");
  }
}
