package dev.rwt.impl.ops;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the container deployed the RWT WebSocket endpoint. Containers create the endpoint's
 * configurator when they deploy it (Tyrus on Payara and Undertow on WildFly both do, before the
 * first handshake), outside CDI and before the application's contexts serve requests: its
 * constructor calls {@link #noteDeployed()}. The flag is static because no bean can be reached
 * from there reliably; rwt-impl's classes belong to one application (its WAR's or EAR's class
 * loader), so it is that application's flag. Thread-safe.
 */
@ApplicationScoped
public class EndpointStatus {

  private static volatile boolean deployed;

  /** Called by the endpoint's configurator when the container creates it. */
  public static void noteDeployed() {
    deployed = true;
  }

  public boolean deployed() {
    return deployed;
  }
}
