package dev.rwt.backplane.jms;

/**
 * Edits of WildFly 39's {@code standalone-full.xml} that let two servers share one Artemis
 * broker: the first keeps its embedded broker and gets the topic; the second sends and receives
 * through its pooled connection factory ({@code java:/JmsXA}) pointed at the first one's HTTP
 * port (Artemis over HTTP upgrade), as an application user of the first. Each edit fails loudly
 * when the configuration does not read as expected.
 */
final class SharedBroker {

  static final String TOPIC = "<jms-topic name=\"rwt\" entries=\"java:/jms/topic/rwt\"/>";
  private static final String DLQ = "<jms-queue name=\"DLQ\" entries=\"java:/jms/queue/DLQ\"/>";
  private static final String POOLED = "<pooled-connection-factory name=\"activemq-ra\""
      + " entries=\"java:/JmsXA java:jboss/DefaultJMSConnectionFactory\" connectors=\"in-vm\" transaction=\"xa\"/>";
  private static final String IN_VM_CONNECTOR = "<in-vm-connector name=\"in-vm\" server-id=\"0\">";
  private static final String SOCKETS_END = "</socket-binding-group>";

  private static final String HEALTH_EXTENSION = "<extension module=\"org.wildfly.extension.health\"/>";
  private static final String HEALTH = "<subsystem xmlns=\"urn:wildfly:health:1.0\" security-enabled=\"false\"/>";

  private SharedBroker() {}

  /**
   * MicroProfile Health, which standalone-full.xml lacks and standalone-microprofile.xml has, so
   * that RWT's readiness checks answer at {@code /health/ready} on the management port.
   */
  static String withHealth(String xml) {
    String s = replaceOnce(xml, HEALTH_EXTENSION,
        HEALTH_EXTENSION + "\n        <extension module=\"org.wildfly.extension.microprofile.health-smallrye\"/>");
    return replaceOnce(s, HEALTH, HEALTH
        + "\n        <subsystem xmlns=\"urn:wildfly:microprofile-health-smallrye:3.0\" security-enabled=\"false\"/>");
  }

  /** The node whose embedded broker both use: the topic is all it needs. */
  static String broker(String xml) {
    return replaceOnce(xml, DLQ, DLQ + "\n                " + TOPIC);
  }

  /** A node that uses the broker of the server listening on {@code brokerHttpPort}. */
  static String client(String xml, int brokerHttpPort, String user, String password) {
    String s = broker(xml); // the topic's JNDI name, for the application's lookup
    s = replaceOnce(s, SOCKETS_END, "    <outbound-socket-binding name=\"shared-broker\">\n"
        + "            <remote-destination host=\"127.0.0.1\" port=\"" + brokerHttpPort + "\"/>\n"
        + "        </outbound-socket-binding>\n    " + SOCKETS_END);
    s = replaceOnce(s, IN_VM_CONNECTOR, "<http-connector name=\"shared-broker\" socket-binding=\"shared-broker\""
        + " endpoint=\"http-acceptor\"/>\n                " + IN_VM_CONNECTOR);
    return replaceOnce(s, POOLED, "<pooled-connection-factory name=\"activemq-ra\""
        + " entries=\"java:/JmsXA java:jboss/DefaultJMSConnectionFactory\" connectors=\"shared-broker\""
        + " transaction=\"xa\" user=\"" + user + "\" password=\"" + password + "\"/>");
  }

  static String replaceOnce(String text, String what, String with) {
    int at = text.indexOf(what);
    if (at < 0 || text.indexOf(what, at + 1) >= 0) {
      throw new IllegalStateException("expected exactly one " + what + " in " + WildFlyNode.CONFIG);
    }
    return text.substring(0, at) + with + text.substring(at + what.length());
  }
}
