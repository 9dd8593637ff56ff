package dev.rwt.api;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link dev.rwt.api.spi.RwtAuthenticator} learned from an application token.
 *
 * @param id the principal's id; a session keeps it for its whole life
 * @param rotationKey an optional pre-shared key mixed into the session keys (may be empty)
 * @param expiresAt when the token stops being valid, if it does; the client must renew before
 * @param claims everything else the authorizer may need (the built-in one reads {@code rwt});
 *     an immutable map, held for the session's life. The built-in JWT authenticator's claims are
 *     immutable all the way down (nested objects and arrays too) and leave out members whose
 *     value is JSON {@code null}
 */
public record RwtIdentity(String id, String rotationKey, Optional<Instant> expiresAt, Map<String, Object> claims)
    implements Principal {

  public RwtIdentity {
    Objects.requireNonNull(id, "id");
    rotationKey = rotationKey == null ? "" : rotationKey;
    expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    claims = claims == null ? Map.of() : Map.copyOf(claims);
  }

  /** An identity with no rotation key, no expiry and no claims. */
  public static RwtIdentity of(String id) {
    return new RwtIdentity(id, "", Optional.empty(), Map.of());
  }

  @Override
  public String getName() {
    return id;
  }

  @Override
  public String toString() {
    // the rotation key is a secret
    return "RwtIdentity[" + id + ", expiresAt=" + expiresAt.orElse(null) + "]";
  }
}
