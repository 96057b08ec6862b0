package io.channelshift.app.embedded;

import io.channelshift.starter.security.ApiKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API keys of the embedded stack ({@code dev}, {@code demo}, {@code bench}, tests). They are in
 * the README and docs/api.md on purpose: the embedded stack listens on 127.0.0.1 only, and a user
 * trying it needs keys without ceremony. A real deployment configures its own (docs/api.md, "Access
 * control").
 */
public final class DevKeys {

  public static final String PLATFORM = "csk_dev_platform";
  public static final String ENGINEER = "csk_dev_engineer";
  public static final String OPS = "csk_dev_ops";

  /**
   * All three roles: what {@code ./channelshift} uses against {@code dev} without further setup.
   */
  public static final String ADMIN = "csk_dev_admin";

  private DevKeys() {}

  /**
   * The {@code channelshift.security.api-keys.*} settings for these keys (hashes only, as in
   * production).
   */
  static Map<String, String> properties() {
    Map<String, String> props = new LinkedHashMap<>();
    key(props, "dev-platform", PLATFORM, "platform");
    key(props, "dev-engineer", ENGINEER, "engineer");
    key(props, "dev-ops", OPS, "ops");
    key(props, "dev-admin", ADMIN, "platform,engineer,ops");
    return props;
  }

  private static void key(Map<String, String> props, String name, String key, String roles) {
    props.put("channelshift.security.api-keys." + name + ".sha256", ApiKeys.sha256Hex(key));
    props.put("channelshift.security.api-keys." + name + ".roles", roles);
  }
}
