package dev.rwt.client.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that can cut every connection at once without a close handshake (what a
 * network failure looks like), and whose target can change (a server restarted on another
 * port). Listens on 127.0.0.1 only. Test code: two threads per connection.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Socket> clientSockets = new CopyOnWriteArrayList<>();
  private final List<Socket> frozen = new CopyOnWriteArrayList<>();
  private final List<Socket> servers = new CopyOnWriteArrayList<>();
  private volatile int targetPort;
  private volatile boolean closed;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t = new Thread(this::acceptLoop, "tcp-proxy");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  void target(int port) {
    this.targetPort = port;
  }

  /** Drops every open connection on both sides (RST where possible): client and server see the cut. */
  void cutAll() {
    for (Socket s : sockets) {
      reset(s);
    }
    sockets.clear();
  }

  /**
   * Drops the client side of every connection (RST) and leaves the server side half-open:
   * the server sees nothing until the client resumes on a new connection.
   */
  void cutClients() {
    for (Socket s : clientSockets) {
      frozen.add(s);
      reset(s);
    }
    clientSockets.clear();
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server;
        try {
          server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException e) {
          client.close();
          continue;
        }
        sockets.add(client);
        sockets.add(server);
        clientSockets.add(client);
        servers.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try {
        // streams are not closed here: closing one closes its socket, and a half-open cut keeps the server's
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // cut or closed
      } finally {
        if (frozen.contains(from) || frozen.contains(to)) {
          // a half-open cut: leave the server side open
          sockets.remove(from);
          sockets.remove(to);
        } else {
          close(from);
          close(to);
        }
      }
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void close(Socket s) {
    sockets.remove(s);
    clientSockets.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    cutAll();
    servers.forEach(TcpProxy::reset);
    listener.close();
  }
}
