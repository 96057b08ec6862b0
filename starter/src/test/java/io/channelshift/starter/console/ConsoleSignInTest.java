package io.channelshift.starter.console;

import static io.channelshift.starter.web.ProblemJson.problem;
import static io.channelshift.starter.web.TestKeys.ENGINEER;
import static io.channelshift.starter.web.TestKeys.OPS;
import static io.channelshift.starter.web.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiSliceTest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's way in: a key presented once makes a session; the session then calls the API under
 * the same roles, with the CSRF token for every change; guessing keys is throttled.
 */
@ApiSliceTest({ConsoleController.class})
@Import(ConsoleSignInTest.MigrationActionStandIn.class)
class ConsoleSignInTest {

  /**
   * Stands in for the migration API behind the security chain: records who each request that got
   * through was made by (the chain, not this, is under test).
   */
  @RestController
  static class MigrationActionStandIn {
    final List<String> carriedOut = new CopyOnWriteArrayList<>();

    @PostMapping("/api/migrations/{id}/{action}")
    Map<String, String> act(
        @PathVariable String id,
        @PathVariable String action,
        Principal key,
        @RequestHeader(name = Requester.USER_HEADER, required = false) String user) {
      carriedOut.add(action + " " + id + " by " + Requester.who(key, user, null));
      return Map.of("phase", "PAUSED");
    }
  }

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired MigrationActionStandIn migrations;

  @BeforeEach
  void nothingCarriedOutYet() {
    migrations.carriedOut.clear();
  }

  private MockHttpServletRequestBuilder signIn(String body, String address) {
    return post("/console/sign-in")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .with(
            r -> {
              r.setRemoteAddr(address);
              return r;
            });
  }

  private MockHttpSession signedIn(String apiKey, String person) throws Exception {
    MvcResult result =
        mvc.perform(
                signIn(
                    "{\"apiKey\":\"" + apiKey + "\",\"person\":\"" + person + "\"}", "192.0.2.1"))
            .andExpect(status().isOk())
            .andReturn();
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  private JsonNode me(MockHttpSession session) throws Exception {
    return json.readTree(
        mvc.perform(get("/console/api/me").session(session))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  @Test
  void aValidKeyMakesASession_whoseCallerHasTheKeysRolesAndACsrfToken_andTheKeyIsNotKept()
      throws Exception {
    MockHttpSession session = signedIn(ENGINEER, "alice");

    JsonNode me = me(session);
    assertThat(me.path("keyName").asText()).isEqualTo("eng");
    assertThat(me.path("person").asText()).isEqualTo("alice");
    assertThat(me.path("roles").toString()).isEqualTo("[\"engineer\"]");
    assertThat(me.path("csrf").path("token").asText()).isNotBlank();
    for (String name : java.util.Collections.list(session.getAttributeNames())) {
      assertThat(String.valueOf(session.getAttribute(name))).doesNotContain(ENGINEER);
    }
  }

  @Test
  void aSessionsChangeWithoutTheCsrfToken_isRefused403_andNothingIsAsked() throws Exception {
    MockHttpSession session = signedIn(ENGINEER, "alice");

    mvc.perform(
            post("/api/migrations/m-1/pause")
                .session(session)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"look\"}"))
        .andExpect(problem(403, "Forbidden"))
        .andExpect(jsonPath("$.detail", containsString("CSRF")));
    mvc.perform(
            post("/api/migrations/m-1/pause")
                .session(session)
                .header("X-CSRF-TOKEN", "forged")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"look\"}"))
        .andExpect(problem(403, "Forbidden"));
    assertThat(migrations.carriedOut).isEmpty();
  }

  @Test
  void aSessionsChangeWithTheToken_isCarriedOutAsThePersonBehindTheKey() throws Exception {
    MockHttpSession session = signedIn(ENGINEER, "alice");
    JsonNode csrf = me(session).path("csrf");

    mvc.perform(
            post("/api/migrations/m-1/pause")
                .session(session)
                .header(csrf.path("headerName").asText(), csrf.path("token").asText())
                .header("X-ChannelShift-User", "alice")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"look\"}"))
        .andExpect(status().isOk());

    assertThat(migrations.carriedOut).containsExactly("pause m-1 by alice (key eng)");
  }

  @Test
  void aSessionsCallIsMadeByThePersonNamedAtSignIn_notByTheNameTheClientSends() throws Exception {
    MockHttpSession alice = signedIn(ENGINEER, "alice");
    JsonNode csrf = me(alice).path("csrf");
    mvc.perform(
            post("/api/migrations/m-1/pause")
                .session(alice)
                .header(csrf.path("headerName").asText(), csrf.path("token").asText())
                .header("X-ChannelShift-User", "mallory")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"look\"}"))
        .andExpect(status().isOk());

    MvcResult nameless =
        mvc.perform(signIn("{\"apiKey\":\"" + ENGINEER + "\"}", "192.0.2.1"))
            .andExpect(status().isOk())
            .andReturn();
    MockHttpSession anonymous = (MockHttpSession) nameless.getRequest().getSession(false);
    JsonNode csrf2 = me(anonymous).path("csrf");
    mvc.perform(
            post("/api/migrations/m-2/pause")
                .session(anonymous)
                .header(csrf2.path("headerName").asText(), csrf2.path("token").asText())
                .header("X-ChannelShift-User", "mallory")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"look\"}"))
        .andExpect(status().isOk());

    // a key's own call still names whom its client says
    mvc.perform(
            post("/api/migrations/m-3/pause")
                .with(key(ENGINEER))
                .header("X-ChannelShift-User", "bob")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"look\"}"))
        .andExpect(status().isOk());

    assertThat(migrations.carriedOut)
        .containsExactly(
            "pause m-1 by alice (key eng)", "pause m-2 by key eng", "pause m-3 by bob (key eng)");
  }

  @Test
  void aSessionEndsAtItsMaximumAge_howeverOftenItIsUsed() throws Exception {
    MockHttpSession session = signedIn(ENGINEER, "alice");
    me(session);
    long signedInAt = (Long) session.getAttribute("channelshift.console.signedInAt");
    session.setAttribute(
        "channelshift.console.signedInAt",
        signedInAt - io.channelshift.starter.security.ConsoleSessions.MAX_AGE.toMillis() + 60_000);
    me(session); // a minute left

    session.setAttribute(
        "channelshift.console.signedInAt",
        signedInAt - io.channelshift.starter.security.ConsoleSessions.MAX_AGE.toMillis() - 1);
    mvc.perform(get("/console/api/me").session(session)).andExpect(status().isUnauthorized());
    assertThat(session.isInvalid()).isTrue();
  }

  @Test
  void theSessionHasTheKeysRolesOnly_anOpsSessionMayNotPause() throws Exception {
    MockHttpSession session = signedIn(OPS, "olga");
    JsonNode csrf = me(session).path("csrf");

    mvc.perform(
            post("/api/migrations/m-1/pause")
                .session(session)
                .header(csrf.path("headerName").asText(), csrf.path("token").asText())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"look\"}"))
        .andExpect(problem(403, "Forbidden"));
    assertThat(migrations.carriedOut).isEmpty();
  }

  @Test
  void aKeyedCallNeedsNoCsrfToken_andMakesNoSession() throws Exception {
    MvcResult result =
        mvc.perform(
                post("/api/migrations/m-1/pause")
                    .with(key(ENGINEER))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"reason\":\"look\"}"))
            .andExpect(status().isOk())
            .andReturn();
    assertThat(result.getRequest().getSession(false)).isNull();
    mvc.perform(get("/console/api/me").with(key(ENGINEER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.csrf").doesNotExist());
  }

  @Test
  void signingInAgainStartsANewSession_theOldIdIsWorthNothing() throws Exception {
    MockHttpSession before = signedIn(ENGINEER, "alice");
    String beforeId = before.getId();

    MvcResult again =
        mvc.perform(signIn("{\"apiKey\":\"" + OPS + "\"}", "192.0.2.1").session(before))
            .andExpect(status().isOk())
            .andReturn();

    MockHttpSession after = (MockHttpSession) again.getRequest().getSession(false);
    assertThat(after.getId()).isNotEqualTo(beforeId);
    assertThat(before.isInvalid()).isTrue();
    assertThat(me(after).path("keyName").asText()).isEqualTo("ops-team");
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    MockHttpSession session = signedIn(ENGINEER, "alice");
    JsonNode csrf = me(session).path("csrf");

    mvc.perform(post("/console/sign-out").session(session))
        .andExpect(problem(403, "Forbidden")); // without its token, not even this
    mvc.perform(
            post("/console/sign-out")
                .session(session)
                .header(csrf.path("headerName").asText(), csrf.path("token").asText()))
        .andExpect(status().isNoContent());

    assertThat(session.isInvalid()).isTrue();
    mvc.perform(get("/console/api/me")).andExpect(status().isUnauthorized());
  }

  @Test
  void aBadKeyIsRefused401_andNoSessionIsMade() throws Exception {
    MvcResult result =
        mvc.perform(signIn("{\"apiKey\":\"csk_not_ours\"}", "192.0.2.7"))
            .andExpect(problem(401, "Not signed in"))
            .andReturn();
    if (result.getRequest().getSession(false) != null) {
      new Exception(
              "DEBUG attrs "
                  + java.util.Collections.list(
                      result.getRequest().getSession(false).getAttributeNames()))
          .printStackTrace();
    }
    assertThat(result.getRequest().getSession(false)).isNull();
    mvc.perform(signIn("{\"apiKey\":\"\"}", "192.0.2.7")).andExpect(problem(401, "Not signed in"));
  }

  @Test
  void guessingIsThrottledPerAddress_429WithRetryAfter_whileAnotherAddressMayStillSignIn()
      throws Exception {
    for (int i = 0; i < SignInThrottle.FAILURES; i++) {
      mvc.perform(signIn("{\"apiKey\":\"guess-" + i + "\"}", "198.51.100.9"))
          .andExpect(status().isUnauthorized());
    }

    mvc.perform(signIn("{\"apiKey\":\"" + ENGINEER + "\"}", "198.51.100.9"))
        .andExpect(problem(429, "Too many sign-in failures"))
        .andExpect(header().exists("Retry-After"));
    mvc.perform(signIn("{\"apiKey\":\"" + ENGINEER + "\"}", "198.51.100.10"))
        .andExpect(status().isOk());
  }

  @Test
  void aParallelBurstOfBadKeysFromOneAddress_getsAtMostTheAllowedAttemptsPastTheCheck()
      throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(10);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String guess = "{\"apiKey\":\"burst-" + i + "\"}";
        answers.add(
            pool.submit(
                () ->
                    mvc.perform(signIn(guess, "198.51.100.50"))
                        .andReturn()
                        .getResponse()
                        .getStatus()));
      }
      int checked = 0;
      int refused = 0;
      for (java.util.concurrent.Future<Integer> answer : answers) {
        int code = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        checked += code == 401 ? 1 : 0;
        refused += code == 429 ? 1 : 0;
      }
      assertThat(checked).isLessThanOrEqualTo(SignInThrottle.FAILURES);
      assertThat(checked + refused).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSuccessDoesNotForgiveTheFailuresBeforeIt() throws Exception {
    String address = "198.51.100.60";
    for (int i = 0; i < SignInThrottle.FAILURES - 1; i++) {
      mvc.perform(signIn("{\"apiKey\":\"guess-" + i + "\"}", address))
          .andExpect(status().isUnauthorized());
    }
    mvc.perform(signIn("{\"apiKey\":\"" + ENGINEER + "\"}", address)).andExpect(status().isOk());
    mvc.perform(signIn("{\"apiKey\":\"guess-last\"}", address))
        .andExpect(status().isUnauthorized());
    mvc.perform(signIn("{\"apiKey\":\"" + ENGINEER + "\"}", address))
        .andExpect(problem(429, "Too many sign-in failures"));
  }

  @Test
  void onlyAJsonBodyWithTheKnownFieldsSignsIn() throws Exception {
    mvc.perform(
            post("/console/sign-in")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("apiKey=" + ENGINEER))
        .andExpect(status().isUnsupportedMediaType());
    mvc.perform(signIn("{\"apiKey\":\"" + ENGINEER + "\",\"role\":\"ops\"}", "192.0.2.3"))
        .andExpect(problem(400, "Invalid body"));
    mvc.perform(signIn("[\"" + ENGINEER + "\"]", "192.0.2.3"))
        .andExpect(problem(400, "Invalid body"));
    mvc.perform(signIn("{\"apiKey\":\"" + ENGINEER + "\",\"person\":\"a\\u202eb\"}", "192.0.2.3"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void thePagesAreServedWithAContentSecurityPolicyWithoutInlineScriptAndNoFraming()
      throws Exception {
    mvc.perform(get("/console/"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
        .andExpect(
            header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
        .andExpect(header().string("X-Frame-Options", "DENY"));
    mvc.perform(get("/console")).andExpect(status().isFound());
    mvc.perform(get("/console/api/me")).andExpect(status().isUnauthorized());
  }

  @Test
  void aTemporalUiIsLinkedOnlyWhenConfigured_andOnlyOverHttp() {
    assertThat(ConsoleController.temporalUi("", java.util.List.of(), "ns")).isEmpty();
    assertThat(
            ConsoleController.temporalUi("", java.util.List.of("http://localhost:8233"), "ns")
                .orElseThrow()
                .url())
        .isEqualTo("http://localhost:8233");
    assertThat(
            ConsoleController.temporalUi("https://ui.example/", java.util.List.of(), "ns")
                .orElseThrow()
                .url())
        .isEqualTo("https://ui.example");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConsoleController.temporalUi("javascript:alert(1)", java.util.List.of(), "ns"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
