package io.channelshift.starter.codec;

import static io.channelshift.starter.web.ProblemJson.forbidden;
import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.ProblemJson.unauthorized;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.PLATFORM;
import static io.channelshift.starter.web.TestKeys.key;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.channelshift.starter.web.ApiSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The codec endpoints at their HTTP boundary: ops keys only (they decrypt payloads), one strict
 * JSON value in. Encryption is off in the slice's settings, so a decode answers what it got.
 */
@ApiSliceTest(CodecController.class)
class CodecControllerTest {

  private static final String PAYLOADS =
      "{\"payloads\":[{\"metadata\":{\"encoding\":\"anNvbi9wbGFpbg==\"},"
          + "\"data\":\"eyJhIjoxfQ==\"}]}";

  @Autowired MockMvc mvc;

  @Test
  void anOpsKeyDecodes() throws Exception {
    mvc.perform(
            post("/codec/decode")
                .with(key(OPS))
                .contentType(MediaType.APPLICATION_JSON)
                .content(PAYLOADS))
        .andExpect(status().isOk())
        .andExpect(content().json(PAYLOADS));
  }

  @Test
  void withoutAKey_401_andWithAnyOtherRole_403() throws Exception {
    mvc.perform(post("/codec/decode").contentType(MediaType.APPLICATION_JSON).content(PAYLOADS))
        .andExpect(unauthorized());
    for (String other : new String[] {PLATFORM, ENGINEER}) {
      mvc.perform(
              post("/codec/encode")
                  .with(key(other))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(PAYLOADS))
          .andExpect(forbidden());
    }
  }

  @Test
  void somethingThatIsNotPayloads_400_asIsASecondValueAfterThem() throws Exception {
    mvc.perform(
            post("/codec/decode")
                .with(key(OPS))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"payloads\":7}"))
        .andExpect(problem(400, "Invalid payloads"));
    mvc.perform(
            post("/codec/decode")
                .with(key(OPS))
                .contentType(MediaType.APPLICATION_JSON)
                .content(PAYLOADS + PAYLOADS))
        .andExpect(problem(400, "Invalid payloads"));
  }

  @Test
  void aBodyThatIsNotJson_415() throws Exception {
    mvc.perform(
            post("/codec/decode")
                .with(key(OPS))
                .contentType(MediaType.TEXT_PLAIN)
                .content(PAYLOADS))
        .andExpect(status().isUnsupportedMediaType());
  }
}
