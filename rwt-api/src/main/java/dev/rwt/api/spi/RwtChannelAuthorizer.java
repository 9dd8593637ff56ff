package dev.rwt.api.spi;

import dev.rwt.api.RwtIdentity;

/**
 * Decides what an identity may do. RWT's built-in authorizer reads the token's
 * {@code rwt: {"sub": [...], "pub": [...], "rpc": [...]}} claim (patterns with a trailing
 * {@code *}); without that claim nothing is allowed. Replace it like the
 * {@link RwtAuthenticator}: a CDI bean that is an enabled {@code @Alternative}.
 *
 * <p>Called concurrently: implementations must be thread-safe and fast (they run on every
 * subscribe, every publish and every call).
 */
public interface RwtChannelAuthorizer {

  /** May {@code identity} subscribe to {@code channel}? */
  boolean maySubscribe(RwtIdentity identity, String channel);

  /** May {@code identity} publish on {@code channel} to the other subscribers? */
  boolean mayPublish(RwtIdentity identity, String channel);

  /** May {@code identity} call the RPC method {@code method}? */
  boolean mayCall(RwtIdentity identity, String method);
}
