package dev.rwt.impl.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rwt.api.RwtIdentity;
import dev.rwt.api.spi.RwtAuthenticationException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

  static final String SECRET = "0123456789abcdef0123456789abcdef";

  static String hs256(JWTClaimsSet claims, String secret) throws Exception {
    return sign(claims, new MACSigner(secret.getBytes()), JWSAlgorithm.HS256);
  }

  static String sign(JWTClaimsSet claims, JWSSigner signer, JWSAlgorithm alg) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  static JWTClaimsSet.Builder claims(String sub, long expiresInMs) {
    return new JWTClaimsSet.Builder()
        .subject(sub)
        .issueTime(new Date())
        .expirationTime(new Date(System.currentTimeMillis() + expiresInMs));
  }

  private final JwtVerifier hmac =
      new JwtVerifier(Optional.of(SECRET), Optional.empty(), Optional.empty(), Optional.empty());

  @Test
  void validHs256TokenYieldsItsSubjectExpiryAndClaims() throws Exception {
    JWTClaimsSet set = claims("alice", 60_000).claim("rwt", Map.of("sub", List.of("prices"))).build();
    RwtIdentity identity = JwtVerifier.identity(hmac.verify(hs256(set, SECRET)));
    assertEquals("alice", identity.id());
    long expSeconds = set.getExpirationTime().getTime() / 1000;
    assertEquals(java.time.Instant.ofEpochSecond(expSeconds), identity.expiresAt().orElseThrow());
    assertEquals(Map.of("sub", List.of("prices")), identity.claims().get("rwt"));
  }

  @Test
  void nestedClaimsAreKeptImmutableWithTheirNamesSharedBetweenTokens() throws Exception {
    Map<String, Object> rwt = new java.util.LinkedHashMap<>();
    rwt.put("sub", List.of("prices", "news"));
    rwt.put("gone", null);
    JWTClaimsSet set = claims("alice", 60_000).claim("rwt", rwt).build();
    RwtIdentity first = JwtVerifier.identity(hmac.verify(hs256(set, SECRET)));
    RwtIdentity second = JwtVerifier.identity(hmac.verify(hs256(set, SECRET)));

    Map<?, ?> claim = (Map<?, ?>) first.claims().get("rwt");
    assertEquals(Map.of("sub", List.of("prices", "news")), claim);
    assertThrows(UnsupportedOperationException.class, () -> ((List<?>) claim.get("sub")).clear());
    String name = (String) claim.keySet().iterator().next();
    assertSame(name, ((Map<?, ?>) second.claims().get("rwt")).keySet().iterator().next());
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() throws Exception {
    String token = hs256(claims("alice", 60_000).build(), "another-secret-another-secret-xx");
    assertThrows(RwtAuthenticationException.class, () -> hmac.verify(token));
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    String token = hs256(claims("alice", -60_000).build(), SECRET);
    assertThrows(RwtAuthenticationException.class, () -> hmac.verify(token));
  }

  @Test
  void tokenWithoutExpiryIsRefused() throws Exception {
    String token = hs256(new JWTClaimsSet.Builder().subject("alice").build(), SECRET);
    assertThrows(RwtAuthenticationException.class, () -> hmac.verify(token));
  }

  @Test
  void tokenWithoutSubjectIsRefused() throws Exception {
    String token = hs256(claims(null, 60_000).build(), SECRET);
    assertThrows(RwtAuthenticationException.class, () -> hmac.verify(token));
  }

  @Test
  void garbageAndBlankTokensAreRefused() {
    assertThrows(RwtAuthenticationException.class, () -> hmac.verify("not.a.jwt"));
    assertThrows(RwtAuthenticationException.class, () -> hmac.verify(""));
    assertThrows(RwtAuthenticationException.class, () -> hmac.verify(null));
  }

  @Test
  void unsignedAlgNoneTokenIsRefused() throws Exception {
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
    String body = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims("alice", 60_000).build().toString().getBytes());
    assertThrows(RwtAuthenticationException.class, () -> hmac.verify(header + "." + body + "."));
  }

  @Test
  void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
    JwtVerifier strict =
        new JwtVerifier(Optional.of(SECRET), Optional.empty(), Optional.of("https://idp"), Optional.of("rwt"));
    String good = hs256(claims("alice", 60_000).issuer("https://idp").audience("rwt").build(), SECRET);
    String wrongIssuer = hs256(claims("alice", 60_000).issuer("https://evil").audience("rwt").build(), SECRET);
    String noAudience = hs256(claims("alice", 60_000).issuer("https://idp").build(), SECRET);
    assertEquals("alice", strict.verify(good).getSubject());
    assertThrows(RwtAuthenticationException.class, () -> strict.verify(wrongIssuer));
    assertThrows(RwtAuthenticationException.class, () -> strict.verify(noAudience));
  }

  @Test
  void es256TokenVerifiesUnderAPemPublicKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    JwtVerifier ec = new JwtVerifier(Optional.empty(), Optional.of(pem), Optional.empty(), Optional.empty());
    String token = sign(claims("bob", 60_000).build(), new ECDSASigner((ECPrivateKey) pair.getPrivate()), JWSAlgorithm.ES256);
    assertEquals("bob", ec.verify(token).getSubject());
    // an HS256 token cannot pass where only the public key is configured
    assertThrows(RwtAuthenticationException.class, () -> ec.verify(hs256(claims("bob", 60_000).build(), SECRET)));
  }

  @Test
  void singleUseTokenIsAcceptedOnce() throws Exception {
    SingleUseTokens tokens = new SingleUseTokens(Clock.systemUTC());
    JWTClaimsSet set = claims("alice", 60_000).jwtID("j-1").build();
    tokens.accept(set);
    RwtAuthenticationException again = assertThrows(RwtAuthenticationException.class, () -> tokens.accept(set));
    assertEquals("token already used", again.getMessage());
  }

  @Test
  void singleUseTokenLivingLongerThanFiveMinutesIsRefused() {
    SingleUseTokens tokens = new SingleUseTokens(Clock.systemUTC());
    JWTClaimsSet set = claims("alice", 6 * 60_000).jwtID("j-2").build();
    assertThrows(RwtAuthenticationException.class, () -> tokens.accept(set));
  }
}
