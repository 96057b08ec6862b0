package io.channelshift.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The platform's webhook endpoint for the benchmark: answers 200 and notes when each order's event
 * arrived.
 */
final class WebhookTimer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);

  WebhookTimer(Completions completions) throws IOException {
    ObjectMapper json = new ObjectMapper();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            completions.ended(json.readTree(in).path("orderId").asText());
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
