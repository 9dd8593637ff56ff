package dev.rwt.backplane.jms;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A broker in memory for one node: what its outlets sent, in order, and a queue its inlets read
 * that the test fills. It can be down (opening and every call fail) or fail the send of chosen
 * messages once, as a broker that went away in the middle of a send would.
 */
final class MemoryBroker implements Broker {

  final List<String> sent = new CopyOnWriteArrayList<>();
  final BlockingQueue<Heard> incoming = new LinkedBlockingQueue<>();
  final Set<String> failOnce = ConcurrentHashMap.newKeySet();
  volatile boolean down;
  volatile int outlets;
  volatile int inlets;

  static String text(byte[] message) {
    return new String(message, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void check() {
    if (down) {
      throw new IllegalStateException("broker down");
    }
  }

  @Override
  public Outlet outlet() {
    check();
    outlets++;
    return new Outlet() {
      @Override
      public void send(byte[] message) {
        check();
        if (failOnce.remove(text(message))) {
          throw new IllegalStateException("connection lost during send");
        }
        sent.add(text(message));
      }

      @Override
      public void beat() {
        check();
        sent.add("beat");
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public Inlet inlet() {
    check();
    inlets++;
    return new Inlet() {
      @Override
      public Heard next(long timeoutMs) {
        check();
        try {
          return incoming.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }

      @Override
      public void close() {}
    };
  }
}
