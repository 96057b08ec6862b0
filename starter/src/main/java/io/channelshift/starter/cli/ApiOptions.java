package io.channelshift.starter.cli;

import picocli.CommandLine.Option;

/** Where the REST API is: {@code --api}, else {@code CHANNELSHIFT_API}, else a local {@code dev}. */
final class ApiOptions {

  @Option(names = "--api", description = "REST API base URL (default: $CHANNELSHIFT_API or http://127.0.0.1:8080)")
  String api;

  ApiClient client() {
    String url = api != null ? api : System.getenv().getOrDefault("CHANNELSHIFT_API", "http://127.0.0.1:8080");
    return new ApiClient(url);
  }
}
