package io.channelshift.starter.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a problem+json answer from a servlet filter, where the MVC exception handlers do not reach. */
final class ProblemWriter {

  private final ObjectMapper json;

  ProblemWriter(ObjectMapper json) {
    this.json = json;
  }

  void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    response.setStatus(status);
    response.setContentType("application/problem+json");
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}
