package io.channelshift.app.embedded;

import java.net.URI;

/**
 * A Temporal server the embedded stack uses instead of starting its own (e.g. {@code temporal
 * server start-dev}): plaintext gRPC at {@code target}, workflows in {@code namespace}, and its web
 * UI at {@code uiUrl} (printed for the user, and the origin the starter's codec endpoint allows).
 */
public record ExternalTemporal(String target, String namespace, String uiUrl) {

  /** Where {@code temporal server start-dev} serves its UI. */
  public static final String DEV_SERVER_UI = "http://localhost:8233";

  public ExternalTemporal {
    if (target == null || !target.matches("([^\\s:/\\[\\]]+|\\[[0-9a-fA-F:.]+\\]):\\d{1,5}")) {
      throw new IllegalArgumentException(
          "a Temporal address is HOST:PORT, e.g. 127.0.0.1:7233, not '" + target + "'");
    }
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    uiUrl = uiUrl == null || uiUrl.isBlank() ? DEV_SERVER_UI : stripSlash(uiUrl);
    URI ui = URI.create(uiUrl);
    if (!("http".equals(ui.getScheme()) || "https".equals(ui.getScheme()))
        || ui.getHost() == null) {
      throw new IllegalArgumentException(
          "the Temporal UI address is an http(s) URL, e.g. " + DEV_SERVER_UI + ", not " + uiUrl);
    }
  }

  /**
   * The UI's origin (scheme, host, port): what a browser sends as {@code Origin}, so what the codec
   * endpoint must allow.
   */
  public String uiOrigin() {
    URI ui = URI.create(uiUrl);
    return ui.getScheme() + "://" + ui.getHost() + (ui.getPort() < 0 ? "" : ":" + ui.getPort());
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
