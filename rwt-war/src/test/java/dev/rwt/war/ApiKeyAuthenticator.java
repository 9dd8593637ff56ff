package dev.rwt.war;

import dev.rwt.api.RwtIdentity;
import dev.rwt.api.spi.RwtAuthenticationException;
import dev.rwt.api.spi.RwtAuthenticator;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An application's own authenticator: API keys of the form {@code key-<principal>}. */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class ApiKeyAuthenticator implements RwtAuthenticator {

  @Override
  public RwtIdentity authenticate(String token) throws RwtAuthenticationException {
    if (token == null || !token.startsWith("key-")) {
      throw new RwtAuthenticationException("unknown API key");
    }
    Map<String, Object> everything = Map.of("sub", List.of("*"), "pub", List.of("*"), "rpc", List.of("*"));
    return new RwtIdentity(token.substring(4), "", Optional.empty(), Map.of("rwt", everything));
  }
}
