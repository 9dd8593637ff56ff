package dev.rwt.impl.rpc;

import dev.rwt.api.RwtRpc;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds every {@code @RwtRpc} method of every managed bean while the application deploys. A
 * duplicate name or an unusable signature fails the deployment with a message naming both
 * methods.
 */
public class RpcExtension implements Extension {

  private final Map<String, RpcMethod> methods = new ConcurrentHashMap<>();

  <T> void collect(@Observes ProcessManagedBean<T> event) {
    for (AnnotatedMethod<? super T> annotated : event.getAnnotatedBeanClass().getMethods()) {
      RwtRpc rpc = annotated.getAnnotation(RwtRpc.class);
      if (rpc == null) {
        continue;
      }
      try {
        RpcMethod method = RpcMethod.of(rpc.value(), event.getBean(), annotated.getJavaMember());
        RpcMethod earlier = methods.putIfAbsent(rpc.value(), method);
        if (earlier != null) {
          event.addDefinitionError(
              new IllegalStateException(
                  "RWT-RPC: @RwtRpc(\"" + rpc.value() + "\") is declared twice: on "
                      + earlier.method() + " and on " + method.method()));
        }
      } catch (IllegalArgumentException e) {
        event.addDefinitionError(new IllegalStateException("RWT-RPC: " + e.getMessage()));
      }
    }
  }

  void done(@Observes AfterDeploymentValidation event) {
    // nothing more to check: collect() reported every problem
  }

  /** The methods found, by name. */
  public Map<String, RpcMethod> methods() {
    return Map.copyOf(methods);
  }
}
