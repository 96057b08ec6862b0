package io.channelshift.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {

  private static final String K1 =
      Base64.getEncoder().encodeToString("key-one-is-thirty-two-bytes-long".getBytes());
  private static final String K2 =
      Base64.getEncoder().encodeToString("key-two-is-thirty-two-bytes-long".getBytes());

  private final Payload plain =
      Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(
              ByteString.copyFromUtf8(
                  "{\"userId\":\"alice-13800138000\",\"subject\":\"Game card\"}"))
          .build();

  @Test
  void whatIsEncodedIsUnreadableAndDecodesToTheOriginal() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(new PayloadKeys("k1", Map.of("k1", K1)));

    Payload sealed = codec.encode(List.of(plain)).get(0);

    assertThat(sealed.toByteString().toString(StandardCharsets.UTF_8))
        .doesNotContain("alice")
        .doesNotContain("json");
    assertThat(sealed.getMetadataMap().get("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(sealed.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    assertThat(codec.decode(List.of(sealed))).containsExactly(plain);
    assertThat(codec.encode(List.of(plain)).get(0).getData())
        .as("a fresh nonce each time")
        .isNotEqualTo(sealed.getData());
  }

  @Test
  void afterARotationOldPayloadsStillDecodeAndNewOnesUseTheNewKey() {
    Payload old =
        new AesGcmPayloadCodec(new PayloadKeys("k1", Map.of("k1", K1)))
            .encode(List.of(plain))
            .get(0);
    AesGcmPayloadCodec rotated =
        new AesGcmPayloadCodec(new PayloadKeys("k2", Map.of("k1", K1, "k2", K2)));

    assertThat(rotated.decode(List.of(old))).containsExactly(plain);
    assertThat(
            rotated
                .encode(List.of(plain))
                .get(0)
                .getMetadataMap()
                .get("encryption-key-id")
                .toStringUtf8())
        .isEqualTo("k2");
    AesGcmPayloadCodec withoutK1 = new AesGcmPayloadCodec(new PayloadKeys("k2", Map.of("k2", K2)));
    assertThatThrownBy(() -> withoutK1.decode(List.of(old)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key k1");
  }

  @Test
  void aTamperedPayloadOrASwappedKeyIdDoesNotDecode() {
    AesGcmPayloadCodec codec =
        new AesGcmPayloadCodec(new PayloadKeys("k1", Map.of("k1", K1, "k2", K1)));
    Payload sealed = codec.encode(List.of(plain)).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;

    assertThatThrownBy(
            () ->
                codec.decode(
                    List.of(sealed.toBuilder().setData(ByteString.copyFrom(data)).build())))
        .isInstanceOf(PayloadCodecException.class);
    // k2 holds the same bytes: only the key id, bound into the ciphertext, tells them apart
    assertThatThrownBy(
            () ->
                codec.decode(
                    List.of(
                        sealed.toBuilder()
                            .putMetadata("encryption-key-id", ByteString.copyFromUtf8("k2"))
                            .build())))
        .isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void plaintextPayloadsFromBeforeEncryptionDecodeUnchanged() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(new PayloadKeys("k1", Map.of("k1", K1)));

    assertThat(codec.decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void theDataConverterRoundTripsValuesThroughEncryption() {
    DataConverter converter =
        PayloadEncryption.dataConverter(Optional.of(new PayloadKeys("k1", Map.of("k1", K1))));

    var payloads = converter.toPayloads("alice-13800138000").orElseThrow();
    assertThat(payloads.toByteString().toString(StandardCharsets.UTF_8)).doesNotContain("alice");
    assertThat(converter.fromPayloads(0, Optional.of(payloads), String.class, String.class))
        .isEqualTo("alice-13800138000");
  }

  @Test
  void keysAreCheckedAtStartUp() {
    assertThatThrownBy(() -> new PayloadKeys("k1", Map.of("k1", "c2hvcnQ=")))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new PayloadKeys("k9", Map.of("k1", K1)))
        .hasMessageContaining("current payload key");
    assertThatThrownBy(
            () -> PayloadEncryption.keys(io.channelshift.config.CodecProperties.defaults()))
        .hasMessageContaining("no key is configured");
    assertThat(PayloadEncryption.keys(io.channelshift.config.CodecProperties.off())).isEmpty();
  }
}
