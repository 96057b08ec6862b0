package io.channelshift.app;

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
 * A TCP forwarder on loopback that a test can cut (every connection dropped, new ones refused) and
 * restore on the same port: to the processes behind it, the server it fronts went away and came
 * back, while the server itself, and what it holds, lives on.
 */
final class CuttableTcpProxy implements AutoCloseable {

  private final int port;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;

  CuttableTcpProxy(int port, int targetPort) throws IOException {
    this.port = port;
    this.targetPort = targetPort;
    restore();
  }

  int port() {
    return port;
  }

  /** Drops every connection and stops listening: connections are refused until {@link #restore}. */
  synchronized void cut() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  synchronized void restore() throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listener = server;
    Thread accepting = new Thread(() -> accept(server), "proxy-accept-" + port);
    accepting.setDaemon(true);
    accepting.start();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket target;
        try {
          target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException e) {
          close(client);
          continue;
        }
        open.add(client);
        open.add(target);
        pipe(client, target);
        pipe(target, client);
      } catch (IOException e) {
        // closed by cut(), or the target refused: the client sees its connection end
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side went away
              } finally {
                close(from);
                close(to);
              }
            },
            "proxy-pipe-" + port);
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
    cut();
  }
}
