package io.channelshift.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Encryption of Temporal payloads with AES-256-GCM ({@code channelshift.codec.*}). On unless turned
 * off; when on, at least one key must be configured or start-up stops saying how to set one.
 *
 * @param enabled default {@code true}; {@code false} sends payloads to the Temporal server in
 *     clear.
 * @param currentKeyId the id of the key that encrypts; default unset. Must name one of {@code
 *     keys}.
 * @param keys Base64 keys (32 random bytes each) by id; default none. All of them decrypt, so an
 *     old key stays while payloads it encrypted may still be read. Left out of {@link #toString()}
 *     (only the ids are shown).
 * @param corsOrigins the Temporal UI origins allowed to call the starter's codec endpoints; default
 *     none.
 */
@ConfigurationProperties("channelshift.codec")
public record CodecProperties(
    @DefaultValue("true") boolean enabled,
    String currentKeyId,
    Map<String, String> keys,
    List<String> corsOrigins) {

  public CodecProperties {
    keys = Settings.orderedCopy(keys);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }

  /**
   * Encryption on, as with no {@code channelshift.codec.*} property (start-up then asks for a key).
   */
  public static CodecProperties defaults() {
    return new CodecProperties(true, null, null, null);
  }

  /** Payload encryption off. */
  public static CodecProperties off() {
    return new CodecProperties(false, null, null, null);
  }

  @Override
  public String toString() {
    return "CodecProperties[enabled="
        + enabled
        + ", currentKeyId="
        + currentKeyId
        + ", keys="
        + keys.keySet()
        + ", corsOrigins="
        + corsOrigins
        + "]";
  }
}
