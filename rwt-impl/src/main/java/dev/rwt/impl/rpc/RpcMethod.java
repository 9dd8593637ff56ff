package dev.rwt.impl.rpc;

import dev.rwt.api.RwtSession;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

/**
 * One {@code @RwtRpc} method found at deployment: its bean, and where the session and the bound
 * parameter go in its argument list. Immutable.
 *
 * @param name the name clients call
 * @param bean the CDI bean declaring it
 * @param method the Java method
 * @param sessionIndex the position of the {@link RwtSession} parameter, or -1
 * @param paramsIndex the position of the parameter bound from {@code params}, or -1
 */
public record RpcMethod(String name, Bean<?> bean, Method method, int sessionIndex, int paramsIndex) {

  /**
   * Describes {@code method}, or explains why it cannot be an RPC method.
   *
   * @throws IllegalArgumentException with a message for the deployment error
   */
  static RpcMethod of(String name, Bean<?> bean, Method method) {
    if (Modifier.isPrivate(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(
          "@RwtRpc(\"" + name + "\") on " + method + " must be a non-private instance method");
    }
    int session = -1;
    int params = -1;
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == RwtSession.class && session < 0) {
        session = i;
      } else if (params < 0) {
        params = i;
      } else {
        throw new IllegalArgumentException(
            "@RwtRpc(\"" + name + "\") on " + method
                + " may take an RwtSession and at most one other parameter");
      }
    }
    method.setAccessible(true);
    return new RpcMethod(name, bean, method, session, params);
  }

  /** The declared type {@code params} binds to, or null when the method takes none. */
  public Type paramsType() {
    return paramsIndex < 0 ? null : method.getGenericParameterTypes()[paramsIndex];
  }
}
