package dev.rwt.impl.session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that write to the sockets: one per core, from the server's default
 * {@link ManagedThreadFactory}. A plain pool over managed threads rather than the managed
 * executor service, because a send is queued per burst per connection and the managed
 * executor captures the application's context on every task, which is the cost we are
 * avoiding (on Payara it walks the class path). On Undertow a fan-out's sends start on each
 * connection's own I/O thread instead ({@link SocketThread}). Stopped with the application.
 */
@ApplicationScoped
public class SendPool {

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  private ExecutorService pool;
  private Outbound.Sender sender;

  @PostConstruct
  void start() {
    pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), threads);
    sender = Outbound.Sender.pool(pool);
  }

  @PreDestroy
  void stop() {
    pool.shutdown();
  }

  Outbound.Sender sender() {
    return sender;
  }
}
