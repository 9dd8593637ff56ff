package dev.rwt.backplane.jms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Topic;

/**
 * {@link Broker} on a Jakarta Messaging topic. Each message is a {@code BytesMessage} carrying
 * RWT's bytes, with the string properties {@value #NODE} (the sending node) and {@value #KIND}
 * ({@value #MESSAGE} or {@value #BEAT}). The subscription is non-durable and selects out this
 * node's own messages at the broker, except its heartbeats, which come back to show that the
 * broker still carries this node's traffic.
 *
 * <p>Only calls that Jakarta EE allows in a web or EJB container are made: no message listener,
 * no exception listener (the platform forbids both there), so receiving is a loop over
 * {@code receive} on a managed thread, and a failure shows as an exception from a call.
 * Messages are sent {@code PERSISTENT} because that is the delivery mode a broker confirms before
 * {@code send} returns: a message whose send did not return was not taken, and is reported.
 * A non-durable subscription keeps nothing after a restart, so the broker has no reason to
 * write them to disk.
 */
final class JmsBroker implements Broker {

  static final String NODE = "rwtNode";
  static final String KIND = "rwtKind";
  static final String MESSAGE = "message";
  static final String BEAT = "beat";

  private final ConnectionFactory factory;
  private final Topic topic;
  private final String self;

  JmsBroker(ConnectionFactory factory, Topic topic, String self) {
    this.factory = factory;
    this.topic = topic;
    this.self = self;
  }

  /** Everything but this node's own messages; its heartbeats stay. */
  static String selector(String self) {
    return KIND + " = '" + BEAT + "' OR " + NODE + " <> '" + self.replace("'", "''") + "'";
  }

  @Override
  public Outlet outlet() {
    JMSContext context = factory.createContext();
    try {
      JMSProducer producer = context.createProducer()
          .setDeliveryMode(DeliveryMode.PERSISTENT)
          .setDisableMessageID(true)
          .setDisableMessageTimestamp(true)
          .setProperty(NODE, self);
      return new Outlet() {
        @Override
        public void send(byte[] message) {
          producer.setProperty(KIND, MESSAGE).setTimeToLive(0).send(topic, message);
        }

        @Override
        public void beat() {
          // a heartbeat is worth nothing once older than the window that reads it
          producer.setProperty(KIND, BEAT).setTimeToLive(Presence.WINDOW_MS).send(topic, new byte[] {0});
        }

        @Override
        public void close() {
          context.close();
        }
      };
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  @Override
  public Inlet inlet() {
    JMSContext context = factory.createContext();
    try {
      JMSConsumer consumer = context.createConsumer(topic, selector(self));
      return new Inlet() {
        @Override
        public Heard next(long timeoutMs) {
          Message m = consumer.receive(timeoutMs);
          return m == null ? null : heard(m);
        }

        @Override
        public void close() {
          context.close();
        }
      };
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  static Heard heard(Message m) {
    try {
      String node = m.getStringProperty(NODE);
      if (node == null || !m.isBodyAssignableTo(byte[].class)) {
        return new Heard(null, false, null);
      }
      return new Heard(node, BEAT.equals(m.getStringProperty(KIND)), m.getBody(byte[].class));
    } catch (JMSException e) {
      throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
    }
  }
}
