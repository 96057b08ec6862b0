package io.channelshift.starter.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.channelshift.codec.AesGcmPayloadCodec;
import io.channelshift.codec.PayloadEncryption;
import io.channelshift.config.CodecProperties;
import io.channelshift.starter.web.ApiProblem;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The codec server for the Temporal UI and CLI ({@code --codec-endpoint}): {@code POST
 * /codec/decode} turns encrypted payloads back into what the workflow saw, {@code POST
 * /codec/encode} the other way. Both take and answer {@code
 * {"payloads":[{"metadata":{...},"data":"..."}]}}, the JSON of Temporal's {@code Payloads}. Only
 * {@code ops} keys may call them (see the security configuration); with encryption off they answer
 * what they got.
 */
@RestController
class CodecController {

  private final PayloadCodec codec;
  private final ObjectMapper strictJson;

  /**
   * @param strictJson the starter's mapper, which refuses trailing content and duplicate keys
   *     (StrictJson)
   */
  CodecController(CodecProperties settings, ObjectMapper strictJson) {
    this.strictJson = strictJson;
    this.codec =
        PayloadEncryption.keys(settings).<PayloadCodec>map(AesGcmPayloadCodec::new).orElse(null);
  }

  @PostMapping(
      path = "/codec/decode",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  String decode(@RequestBody String body) {
    return apply(body, codec == null ? UnaryOperator.identity() : codec::decode);
  }

  @PostMapping(
      path = "/codec/encode",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  String encode(@RequestBody String body) {
    return apply(body, codec == null ? UnaryOperator.identity() : codec::encode);
  }

  private String apply(String body, UnaryOperator<List<Payload>> operation) {
    Payloads.Builder in = Payloads.newBuilder();
    try {
      // Protobuf's JSON reader is lenient about what follows the value; the starter's mapper reads
      // exactly one value with no key given twice first, so the codec never answers for a body
      // another reader sees otherwise.
      strictJson.readTree(body);
      JsonFormat.parser().merge(body, in);
    } catch (JsonProcessingException | InvalidProtocolBufferException | RuntimeException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid payloads",
          "the body must be one JSON value {\"payloads\":[{\"metadata\":{...},\"data\":\"...\"}]}");
    }
    List<Payload> out;
    try {
      out = operation.apply(in.getPayloadsList());
    } catch (PayloadCodecException e) {
      throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Cannot decode", e.getMessage());
    }
    try {
      return JsonFormat.printer()
          .omittingInsignificantWhitespace()
          .print(Payloads.newBuilder().addAllPayloads(out).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
