package io.channelshift.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the REST API ({@code channelshift.security.*}): API keys, each stored as the SHA-256
 * of the key, with its roles. The starter checks each key at start-up (64 hex digits, at least one
 * known role, no two keys alike) and stops naming the key that fails.
 *
 * @param apiKeys by key name ({@code channelshift.security.api-keys.<name>.*}; the name is what
 *     timelines record as who asked); default none.
 */
@ConfigurationProperties("channelshift.security")
public record SecurityProperties(Map<String, ApiKey> apiKeys) {

  public SecurityProperties {
    apiKeys = Settings.orderedCopy(apiKeys);
  }

  /**
   * One API key.
   *
   * @param sha256 the hex SHA-256 of the key (never the key itself); default unset, which start-up
   *     refuses.
   * @param roles its roles ({@code platform}, {@code engineer}, {@code ops}); default none, which
   *     start-up refuses.
   */
  public record ApiKey(String sha256, List<String> roles) {

    public ApiKey {
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }

  /** These keys, in this order, plus {@code name}. */
  public SecurityProperties with(String name, ApiKey key) {
    Map<String, ApiKey> keys = new LinkedHashMap<>(apiKeys);
    keys.put(name, key);
    return new SecurityProperties(keys);
  }
}
