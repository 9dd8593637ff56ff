package dev.rwt.backplane.hazelcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP load balancer in front of the nodes: new connections go to the node it points
 * at now. It can also hold what a node sends (read, never passed on) and cut every connection
 * without a WebSocket close, which is how frames a node sent can be lost on the way to a client.
 */
final class Balancer implements AutoCloseable {

  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile int targetPort;
  private volatile boolean holding;

  Balancer(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "balancer");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI endpoint() {
    return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/rwt/rwt");
  }

  /** New connections go to {@code port}; open ones stay where they are. */
  void pointAt(int port) {
    targetPort = port;
  }

  /** From now on, what the nodes send is read and dropped rather than passed on to clients. */
  void holdFromNodes() {
    holding = true;
  }

  /** Drops every connection through the balancer, with a reset. */
  void cutAll() {
    holding = false;
    for (Socket s : sockets) {
      try {
        s.setSoLinger(true, 0);
        s.close();
      } catch (IOException e) {
        // already gone
      }
    }
    sockets.clear();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket node;
        try {
          node = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException down) {
          close(client); // no node there: the client sees its connection fail, as with a dead backend
          continue;
        }
        sockets.add(client);
        sockets.add(node);
        pipe(client, node, false);
        pipe(node, client, true);
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean fromNode) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (fromNode && holding) {
            continue;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // cut
      } finally {
        if (!(fromNode && holding)) {
          close(from);
          close(to);
        }
      }
    }, "balancer-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    cutAll();
  }
}
