package io.channelshift.codec;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt Temporal payloads, by key id. New payloads are encrypted with the
 * current key; every key listed still decrypts, so a key can be rotated by adding a new one, making
 * it current, and removing the old one only once no open workflow history holds payloads made with
 * it.
 */
public final class PayloadKeys {

  private final String currentId;
  private final Map<String, SecretKey> byId = new LinkedHashMap<>();

  /**
   * @param currentId the id new payloads are encrypted under
   * @param base64Keys key id → the key, 32 bytes in Base64
   */
  public PayloadKeys(String currentId, Map<String, String> base64Keys) {
    base64Keys.forEach(
        (id, text) -> {
          if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                "payload key id " + id + " must be 1-64 of A-Z a-z 0-9 . _ -");
          }
          byte[] key;
          try {
            key = Base64.getDecoder().decode(text == null ? "" : text.strip());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payload key " + id + " is not Base64");
          }
          if (key.length != 32) {
            throw new IllegalArgumentException(
                "payload key " + id + " must be 32 bytes (AES-256), not " + key.length);
          }
          byId.put(id, new SecretKeySpec(key, "AES"));
        });
    if (currentId == null || !byId.containsKey(currentId)) {
      throw new IllegalArgumentException(
          "the current payload key id " + currentId + " is not among the keys " + byId.keySet());
    }
    this.currentId = currentId;
  }

  String currentId() {
    return currentId;
  }

  SecretKey current() {
    return byId.get(currentId);
  }

  Optional<SecretKey> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
