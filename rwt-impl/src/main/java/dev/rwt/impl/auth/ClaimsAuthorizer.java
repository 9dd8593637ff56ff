package dev.rwt.impl.auth;

import dev.rwt.api.RwtIdentity;
import dev.rwt.api.spi.RwtChannelAuthorizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The default {@link RwtChannelAuthorizer}: the token's
 * {@code rwt: {"sub": [...], "pub": [...], "rpc": [...]}} claim lists patterns, each an exact
 * name or a prefix ending in {@code *} ({@code "*"} alone allows everything). Without the claim,
 * or without the list, nothing is allowed. Stateless and thread-safe.
 */
@ApplicationScoped
public class ClaimsAuthorizer implements RwtChannelAuthorizer {

  static final String CLAIM = "rwt";

  @Override
  public boolean maySubscribe(RwtIdentity identity, String channel) {
    return allowed(identity, "sub", channel);
  }

  @Override
  public boolean mayPublish(RwtIdentity identity, String channel) {
    return allowed(identity, "pub", channel);
  }

  @Override
  public boolean mayCall(RwtIdentity identity, String method) {
    return allowed(identity, "rpc", method);
  }

  static boolean allowed(RwtIdentity identity, String list, String name) {
    if (!(identity.claims().get(CLAIM) instanceof Map<?, ?> rwt)
        || !(rwt.get(list) instanceof List<?> patterns)) {
      return false;
    }
    for (Object pattern : patterns) {
      if (pattern instanceof String p && matches(p, name)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String pattern, String name) {
    return pattern.endsWith("*")
        ? name.startsWith(pattern.substring(0, pattern.length() - 1))
        : pattern.equals(name);
  }
}
