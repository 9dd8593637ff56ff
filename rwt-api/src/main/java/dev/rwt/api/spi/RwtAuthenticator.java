package dev.rwt.api.spi;

import dev.rwt.api.RwtIdentity;

/**
 * Turns the application token a client sends in HELLO (and REFRESH) into an identity.
 *
 * <p>RWT ships a JWT authenticator configured by {@code rwt.auth.jwt.*}. To use your own, make
 * a CDI bean implementing this interface and select it as an alternative:
 *
 * <pre>{@code
 * @ApplicationScoped @Alternative @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION)
 * public class MyAuthenticator implements RwtAuthenticator { ... }
 * }</pre>
 *
 * <p>Called concurrently from many connections: implementations must be thread-safe.
 */
public interface RwtAuthenticator {

  /**
   * Validates {@code token}.
   *
   * @return who the token says the client is
   * @throws RwtAuthenticationException when the token is missing, invalid or expired
   */
  RwtIdentity authenticate(String token) throws RwtAuthenticationException;
}
