package dev.rwt.backplane.jms;

import dev.rwt.api.spi.RwtBackplane;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Topic;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code rwt.backplane=jms}: channel traffic on a Jakarta Messaging topic, through a connection
 * factory of the server's (on WildFly, the pooled factory of its resource adapter in front of
 * the embedded or a remote Artemis broker), so nodes that share a broker share their channels.
 *
 * <p>One topic ({@code rwt.backplane.jms.topic}, a JNDI name) carries every channel. Publishes
 * leave through a {@link TopicSender} (one connection, one thread, in order) and arrive through
 * a {@link TopicReader} (one non-durable subscription read on one thread), both on threads of
 * the server's default {@code ManagedThreadFactory}. Members are the nodes whose heartbeats
 * arrived in the last {@link Presence#WINDOW_MS} ms; an {@link EchoWatch} reports an outage when
 * this node's own stop coming back. Thread-safe.
 */
@ApplicationScoped
@Named("jms")
public class JmsBackplane implements RwtBackplane {

  static final String CONNECTION_FACTORY = "rwt.backplane.jms.connection-factory";
  static final String TOPIC = "rwt.backplane.jms.topic";
  /** The platform's default managed thread factory. */
  static final String THREADS = "java:comp/DefaultManagedThreadFactory";
  /** How long {@link #open} waits for the first subscription before carrying on without it. */
  static final long SUBSCRIBE_MS = 10_000;
  private static final long JOIN_MS = 5_000;
  private static final Logger LOG = Logger.getLogger(JmsBackplane.class.getName());

  @Inject
  @ConfigProperty(name = CONNECTION_FACTORY, defaultValue = "java:/JmsXA")
  String factoryName;

  @Inject
  @ConfigProperty(name = TOPIC, defaultValue = "java:/jms/topic/rwt")
  String topicName;

  private final String self = UUID.randomUUID().toString();
  private Presence presence;
  private TopicSender sender;
  private TopicReader reader;
  private EchoWatch watch;
  private Thread sending;
  private Thread reading;
  private Thread watching;

  @Override
  public synchronized void open(Receiver receiver) {
    // looked up here rather than injected, so that only a selected adapter touches them
    ConnectionFactory factory = lookup(CONNECTION_FACTORY, factoryName, ConnectionFactory.class);
    Topic topic = lookup(TOPIC, topicName, Topic.class);
    ManagedThreadFactory threads = lookup("the thread factory", THREADS, ManagedThreadFactory.class);
    Broker broker = new JmsBroker(factory, topic, self);
    Outage outage = new Outage(receiver);
    presence = new Presence(self, Clock.systemUTC());
    sender = new TopicSender(broker, outage);
    reader = new TopicReader(broker, presence, outage, receiver);
    watch = new EchoWatch(presence, outage);
    reading = start(threads, reader, "rwt-jms-reader");
    sending = start(threads, sender, "rwt-jms-sender");
    watching = start(threads, watch, "rwt-jms-echo");
    try {
      if (!reader.awaitSubscribed(SUBSCRIBE_MS)) {
        LOG.warning(() -> "rwt.backplane=jms: no subscription to " + topicName + " through " + factoryName
            + " after " + SUBSCRIBE_MS + " ms; still trying");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread start(ManagedThreadFactory threads, Runnable task, String name) {
    Thread t = threads.newThread(task);
    t.setName(name);
    t.start();
    return t;
  }

  static <T> T lookup(String key, String name, Class<T> type) {
    Object found;
    try {
      found = InitialContext.doLookup(name);
    } catch (NamingException e) {
      throw new IllegalStateException("rwt.backplane=jms, but " + key + " " + name + " is not bound in JNDI"
          + " (on WildFly: run standalone-full.xml, and define the topic)", e);
    }
    if (!type.isInstance(found)) {
      throw new IllegalStateException("rwt.backplane=jms, but " + key + " " + name + " is a "
          + found.getClass().getName() + ", not a " + type.getName());
    }
    return type.cast(found);
  }

  @Override
  public void publish(String channel, byte[] message) {
    sender.send(message);
  }

  @Override
  public String nodeId() {
    return self;
  }

  @Override
  public Set<String> members() {
    return presence.members();
  }

  @Override
  public synchronized void close() {
    if (sender != null) {
      sender.close();
      reader.close();
      watch.close();
      // a thread held in a call by a reconnecting client library may not end: wait 5 s in all
      long deadline = System.nanoTime() + JOIN_MS * 1_000_000;
      for (Thread t : new Thread[] {sending, reading, watching}) {
        join(t, deadline);
      }
    }
  }

  private static void join(Thread t, long deadline) {
    try {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
