package io.channelshift.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health/liveness} and {@code /health/readiness} on the worker's metrics server (the one
 * HTTP server the worker has; {@code /metrics} stays the Prometheus client's): 200 with {@code
 * {"status":"UP",...}}, or 503 with {@code "DOWN"} and which check failed. GET and HEAD only, no
 * key (orchestrators), nothing in the answer but check names and kinds of failure.
 */
final class WorkerHealthHandler implements HttpHandler {

  static final String LIVENESS = "/health/liveness";
  static final String READINESS = "/health/readiness";

  private final WorkerHealth health;
  private final ObjectMapper json = new ObjectMapper();

  WorkerHealthHandler(WorkerHealth health) {
    this.health = health;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        answer(exchange, 405, Map.of("status", "METHOD_NOT_ALLOWED"));
        return;
      }
      WorkerHealth.Answer answer =
          switch (path) {
            case LIVENESS -> health.liveness();
            case READINESS, "/health" -> health.readiness();
            default -> null;
          };
      if (answer == null) {
        answer(exchange, 404, Map.of("status", "NOT_FOUND", "paths", LIVENESS + " " + READINESS));
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", answer.up() ? "UP" : "DOWN");
      body.put("checks", answer.checks());
      answer(exchange, answer.up() ? 200 : 503, body);
    }
  }

  private void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
