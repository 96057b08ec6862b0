package io.channelshift.starter.web;

import io.channelshift.config.SecurityProperties;
import io.channelshift.starter.security.ApiKeys;
import java.util.List;
import java.util.Map;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * One API key per role, as a slice test's settings accept them, and the header that presents one.
 */
public final class TestKeys {

  public static final String PLATFORM = "csk_test_platform";
  public static final String ENGINEER = "csk_test_engineer";
  public static final String OPS = "csk_test_ops";

  private TestKeys() {}

  /**
   * The request presents {@code key} as the API client does: {@code Authorization: Bearer <key>}.
   */
  public static RequestPostProcessor key(String key) {
    return request -> {
      request.addHeader("Authorization", "Bearer " + key);
      return request;
    };
  }

  /** Security settings that accept the three keys above, each with its one role. */
  static SecurityProperties security() {
    return new SecurityProperties(Map.of())
        .with("shop", accepting(PLATFORM, "platform"))
        .with("eng", accepting(ENGINEER, "engineer"))
        .with("ops-team", accepting(OPS, "ops"));
  }

  private static SecurityProperties.ApiKey accepting(String key, String role) {
    return new SecurityProperties.ApiKey(ApiKeys.sha256Hex(key), List.of(role));
  }
}
