package dev.rwt.war;

import dev.rwt.impl.endpoint.RwtEndpoint;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * Deploys the RWT endpoint wherever rwt-impl sits. Containers look for {@code @ServerEndpoint}
 * classes in the WAR only (WEB-INF/classes and WEB-INF/lib): in the EAR, where rwt-impl is in
 * the EAR's {@code lib/}, nothing would find it. The container hands this class what it did
 * find, and deploys what it returns: the same plus {@link RwtEndpoint}. WEB-INF/web.xml does the
 * same for the Origin filter.
 */
public class RwtEndpointDeployment implements ServerApplicationConfig {

  @Override
  public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
    Set<Class<?>> endpoints = new HashSet<>(scanned);
    endpoints.add(RwtEndpoint.class);
    return endpoints;
  }

  @Override
  public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
    return Set.of();
  }
}
