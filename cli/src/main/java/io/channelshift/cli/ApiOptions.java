package io.channelshift.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the REST API is ({@code --api}, else {@code CHANNELSHIFT_API}, else a local {@code dev})
 * and the API key to call it with: {@code --api-key-file}, else {@code CHANNELSHIFT_API_KEY}, else
 * the file named by {@code CHANNELSHIFT_API_KEY_FILE}. There is no option taking the key itself, so
 * that it never shows in the process list or the shell history.
 */
final class ApiOptions {

  @Option(
      names = "--api",
      description = "REST API base URL (default: $CHANNELSHIFT_API or http://127.0.0.1:8080)")
  String api;

  @Option(
      names = "--api-key-file",
      description =
          "file holding the API key (default: $CHANNELSHIFT_API_KEY, "
              + "else the file $CHANNELSHIFT_API_KEY_FILE)")
  Path apiKeyFile;

  ApiClient client() {
    String url =
        api != null
            ? api
            : System.getenv().getOrDefault("CHANNELSHIFT_API", "http://127.0.0.1:8080");
    return new ApiClient(url, apiKey());
  }

  private String apiKey() {
    if (apiKeyFile != null) {
      return read(apiKeyFile);
    }
    String key = System.getenv("CHANNELSHIFT_API_KEY");
    if (key != null && !key.isBlank()) {
      return key.strip();
    }
    String file = System.getenv("CHANNELSHIFT_API_KEY_FILE");
    return file == null || file.isBlank() ? null : read(Path.of(file));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the API key file " + file + ": " + e.getMessage());
    }
  }
}
