package io.channelshift.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CLI's HTTP client for the REST API; every call carries the API key when there is one. */
final class ApiClient {

  /**
   * The request header that names the person behind the API key, recorded in migration timelines
   * and reconciliation resolutions; the starter's {@code Requester.USER_HEADER}, spelled here so
   * that the CLI needs nothing of the starter.
   */
  static final String USER_HEADER = "X-ChannelShift-User";

  private final String baseUrl;
  private final String apiKey;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  ApiClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.apiKey = apiKey;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        authorized(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .GET())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return post(path, json, null);
  }

  /** A POST that says who asks (recorded by migrations in their timeline). */
  HttpResponse<String> post(String path, String json, String user)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (user != null) {
      request.header(USER_HEADER, user);
    }
    return http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A PUT that says who asks (recorded with the change it makes). */
  HttpResponse<String> put(String path, String json, String user)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    if (user != null) {
      request.header(USER_HEADER, user);
    }
    return http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
  }
}
