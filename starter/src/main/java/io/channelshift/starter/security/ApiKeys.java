package io.channelshift.starter.security;

import io.channelshift.config.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys the starter accepts, held as SHA-256 hashes only. Keys are long random strings, so a
 * fast hash is enough: there is nothing to guess from a dictionary, and the key itself is never
 * stored or logged.
 */
public final class ApiKeys {

  /** Who an accepted key belongs to. */
  public record Caller(String keyName, Set<Role> roles) {}

  private final Map<String, Caller> byHash = new LinkedHashMap<>();

  public ApiKeys(Map<String, SecurityProperties.ApiKey> configured) {
    configured.forEach(
        (name, key) -> {
          String hash = key.sha256() == null ? "" : key.sha256().strip().toLowerCase(Locale.ROOT);
          if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                "channelshift.security.api-keys."
                    + name
                    + ".sha256 must be the 64 hex digits of the key's SHA-256 (./channelshift api-key new prints it)");
          }
          if (key.roles().isEmpty()) {
            throw new IllegalArgumentException(
                "channelshift.security.api-keys." + name + ".roles is empty");
          }
          Set<Role> roles = EnumSet.noneOf(Role.class);
          key.roles().forEach(r -> roles.add(Role.parse(r)));
          if (byHash.put(hash, new Caller(name, Set.copyOf(roles))) != null) {
            throw new IllegalArgumentException(
                "API key " + name + " has the same hash as another key");
          }
        });
  }

  public Optional<Caller> authenticate(String presentedKey) {
    return Optional.ofNullable(byHash.get(sha256Hex(presentedKey)));
  }

  public boolean isEmpty() {
    return byHash.isEmpty();
  }

  public static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
