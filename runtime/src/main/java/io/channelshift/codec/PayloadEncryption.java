package io.channelshift.codec;

import io.channelshift.config.CodecProperties;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Optional;

/**
 * The data converter every Temporal client of ChannelShift uses: JSON, then AES-GCM unless turned
 * off.
 */
public final class PayloadEncryption {

  private PayloadEncryption() {}

  /**
   * The keys configured under {@code channelshift.codec.*}; empty when encryption is turned off.
   */
  public static Optional<PayloadKeys> keys(CodecProperties codec) {
    if (!codec.enabled()) {
      return Optional.empty();
    }
    if (codec.keys().isEmpty()) {
      throw new IllegalArgumentException(
          "Temporal payload encryption is on but no key is configured: set "
              + "channelshift.codec.keys.<id> (32 random bytes, Base64) and channelshift.codec.current-key-id, or "
              + "channelshift.codec.enabled=false (payloads then reach the Temporal server in clear)");
    }
    return Optional.of(new PayloadKeys(codec.currentKeyId(), codec.keys()));
  }

  public static DataConverter dataConverter(Optional<PayloadKeys> keys) {
    DataConverter json = DefaultDataConverter.newDefaultInstance();
    // true: failure messages and stack traces are encrypted too; they can quote payment data.
    return keys.<DataConverter>map(
            k -> new CodecDataConverter(json, List.of(new AesGcmPayloadCodec(k)), true))
        .orElse(json);
  }
}
