package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.http.HmacSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile cases against migrations and the callback-failure gate, on the whole embedded stack
 * (issue 15, items 5 to 7): a flood of forged callbacks must not move a gate (nor grow a table),
 * signed-but-bad callbacks still must; every plan duration has a floor and a ceiling, answered 422
 * naming the field, never a 500; a retried start is safe; reasons and names carry no control,
 * escape or bidi characters and no novel-length text. Each named case is counted in {@link #CASES},
 * printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileMigrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FLOOD = 5_000;

  private EmbeddedStack stack;
  private DemoClient api;
  private JdbcTemplate db;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> cases = new ConcurrentHashMap<>();

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    api = new DemoClient(stack);
    db = new JdbcTemplate(stack.dataSource());
  }

  @AfterAll
  void stop() {
    System.out.println(
        "hostile migration cases tried: " + cases.size() + " " + new TreeMap<>(cases).keySet());
    stack.close();
  }

  // ---- item 6: plan durations ----

  @Test
  @Order(1)
  void everyDurationPastItsBoundIsRefused422NamingTheField_neverA500_andNothingStarts() {
    long migrationsBefore = count("select count(*) from migrations");
    Map<String, List<String>> beyond = new TreeMap<>();
    beyond.put(
        "evaluationInterval",
        List.of(
            "PT0.001S",
            "PT0.999S",
            "PT0S",
            "-PT1S",
            "PT1H0.001S",
            "P1D",
            "PT2562047788015215H",
            "P106751991167300D",
            "PT99999999999999999999H",
            "PT9223372036854775807S"));
    beyond.put("window", List.of("PT0.5S", "P1DT0.001S", "P365D", "P106751991167300D", "-PT1S"));
    beyond.put("inconclusiveLimit", List.of("PT0.5S", "P7DT1S", "P106751991167300D"));
    beyond.put(
        "bakePeriod",
        List.of("PT0S", "PT0.5S", "P90DT1S", "P106751991167300D", "PT2562047788015215H"));
    beyond.put(
        "steps[0].minDuration", List.of("PT0.001S", "P30DT0.001S", "P106751991167300D", "-PT1M"));
    List<String> wrong = new ArrayList<>();

    beyond.forEach(
        (field, values) ->
            values.forEach(
                value -> {
                  DemoClient.Reply r =
                      api.startMigration(planWith("bounds", "all", field, value), "alice");
                  cases.put("duration " + field + "=" + value, "");
                  List<String> named = new ArrayList<>();
                  r.body().path("errors").forEach(e -> named.add(e.path("field").asText()));
                  if (r.status() != 422 || !named.contains(field)) {
                    wrong.add(field + "=" + value + " → " + r.status() + " " + r.body());
                  }
                }));
    // A number where a duration goes is read as seconds by Jackson: far too many of them is
    // refused, not a 500.
    for (String number : List.of("1e30", "9223372036854775807", "-1")) {
      DemoClient.Reply r =
          api.startMigration(
              planWith("bounds", "all", "evaluationInterval", null)
                  .replace("\"evaluationInterval\":null", "\"evaluationInterval\":" + number),
              "alice");
      cases.put("duration evaluationInterval=" + number + " (a number)", "");
      if (r.status() != 422 && r.status() != 400) {
        wrong.add("evaluationInterval=" + number + " → " + r.status() + " " + r.body());
      }
    }

    assertThat(wrong).isEmpty();
    assertThat(count("select count(*) from migrations")).isEqualTo(migrationsBefore);
    assertThat(api.migration("bounds").status()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void durationsAtTheirFloorsAndAtTheirCeilingsAreAccepted() {
    String floors =
        """
        {"migrationId":"at-floors","fromChannel":"legacy","toChannel":"nova","scope":"game_card",
         "steps":[{"weightBps":5000,"minDuration":"PT1S","minSamples":0,"requireApproval":true},
                  {"weightBps":10000,"minDuration":"PT1S","minSamples":0}],
         "evaluationInterval":"PT1S","window":"PT1S","inconclusiveLimit":"PT1S","failureLimit":3,
         "bakePeriod":"PT1S"}""";
    String ceilings =
        """
        {"migrationId":"at-ceilings","fromChannel":"legacy","toChannel":"nova","scope":"topup",
         "steps":[{"weightBps":5000,"minDuration":"P30D","minSamples":0},
                  {"weightBps":10000,"minDuration":"PT720H","minSamples":0}],
         "evaluationInterval":"PT1H","window":"P1D","inconclusiveLimit":"P7D","failureLimit":3,
         "bakePeriod":"P90D"}""";

    for (String[] plan :
        List.of(new String[] {"at-floors", floors}, new String[] {"at-ceilings", ceilings})) {
      cases.put("durations " + plan[0], "");
      DemoClient.Reply started = api.startMigration(plan[1], "alice");
      assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
      DemoClient.Reply rolledBack =
          api.migrationAction(plan[0], "rollback", "bounds checked", "alice");
      assertThat(rolledBack.status()).as(rolledBack.body().toString()).isEqualTo(200);
      assertThat(rolledBack.body().path("phase").asText()).isEqualTo("ROLLED_BACK");
    }
  }

  // ---- item 7: a retried start, and text from engineers ----

  @Test
  @Order(3)
  void
      theSamePlanSentAgainAfterTheFirstStepAnswersTheRunningMigration_anotherPlanUnderItsIdIs409() {
    String plan = plan("retried", "game_card", "PT1H");
    DemoClient.Reply first = api.startMigration(plan, "alice");
    assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
    awaitWeight(
        "retried",
        5000); // the first step moved traffic: the scope is no longer on the old channel alone
    long routingVersions = count("select count(*) from routing_tables");

    cases.put("retried start, same plan, after the first step", "");
    DemoClient.Reply again = api.startMigration(plan, "alice");
    cases.put("retried start, same plan reformatted, by another engineer", "");
    DemoClient.Reply reformatted =
        api.startMigration(plan.replace("\n", " ").replace(",", " , "), "bob");
    cases.put("retried start, another plan under the same id", "");
    DemoClient.Reply other = api.startMigration(plan("retried", "game_card", "PT2H"), "alice");

    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().path("migrationId").asText()).isEqualTo("retried");
    assertThat(again.body().path("weightBps").asInt()).isEqualTo(5000);
    assertThat(reformatted.status()).isEqualTo(200);
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.body().path("detail").asText()).contains("retried", "running", "bakePeriod");
    assertThat(count("select count(*) from migrations where migration_id = 'retried'"))
        .isEqualTo(1);
    assertThat(count("select count(*) from routing_tables")).isEqualTo(routingVersions);

    assertThat(api.migrationAction("retried", "rollback", "done", "alice").status()).isEqualTo(200);
    cases.put("retried start, same plan, after the migration ended", "");
    DemoClient.Reply afterEnd = api.startMigration(plan, "alice");
    assertThat(afterEnd.status()).isEqualTo(200);
    assertThat(afterEnd.body().path("phase").asText()).isEqualTo("ROLLED_BACK");
    cases.put("retried start, another plan under the id of an ended migration", "");
    DemoClient.Reply otherAfterEnd =
        api.startMigration(plan("retried", "game_card", "PT2H"), "alice");
    assertThat(otherAfterEnd.status()).isEqualTo(409);
    assertThat(otherAfterEnd.body().path("detail").asText()).contains("ended");
  }

  @Test
  @Order(4)
  void concurrentIdenticalStartsStartOneMigration_everyAnswerIsThatMigration() throws Exception {
    cases.put("eight concurrent identical starts", "");
    String plan = plan("raced", "game_card", "PT1H");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<DemoClient.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        replies.add(pool.submit(() -> api.startMigration(plan, "alice")));
      }
      Map<Integer, Integer> byStatus = new TreeMap<>();
      for (Future<DemoClient.Reply> f : replies) {
        DemoClient.Reply r = f.get();
        byStatus.merge(r.status(), 1, Integer::sum);
        assertThat(r.body().path("migrationId").asText())
            .as(r.body().toString())
            .isEqualTo("raced");
      }
      assertThat(byStatus).isEqualTo(Map.of(201, 1, 200, 7));
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("select count(*) from migrations where migration_id = 'raced'")).isEqualTo(1);
  }

  @Test
  @Order(5)
  void reasonsAndNamesWithControlEscapeOrBidiCharactersOrOverLongAreRefusedNamingTheField()
      throws Exception {
    awaitWeight("raced", 5000);
    long timelineBefore = engineersEntries(api.migration("raced").body());
    Map<String, String> reasons = new TreeMap<>();
    reasons.put("ANSI clear screen", "ok\u001b[2J\u001b[H");
    reasons.put("ANSI title (OSC)", "\u001b]0;owned\u0007");
    reasons.put("C1 CSI", "red\u009b31m");
    reasons.put("C1 NEL", "a\u0085b");
    reasons.put("newline", "first\nROLLED_BACK by admin");
    reasons.put("carriage return", "approved\rrejected");
    reasons.put("NUL", "a\u0000b");
    reasons.put("DEL", "a\u007fb");
    reasons.put("bidi RLO", "\u202egnp.exe");
    reasons.put("bidi LRE", "\u202ax");
    reasons.put("bidi PDF", "x\u202c");
    reasons.put("bidi LRI/PDI", "\u2066x\u2069");
    reasons.put("bidi FSI", "\u2068x");
    reasons.put("RLM", "x\u200f");
    reasons.put("zero-width space", "x\u200by");
    reasons.put("line separator", "x\u2028y");
    reasons.put("257 characters", "r".repeat(257));
    reasons.put("64 KiB minus a bit", "r".repeat(60_000));
    List<String> wrong = new ArrayList<>();

    for (Map.Entry<String, String> r : reasons.entrySet()) {
      cases.put("reason: " + r.getKey(), "");
      DemoClient.Reply reply = api.migrationAction("raced", "pause", r.getValue(), "alice");
      if (reply.status() != 400 || !reply.body().path("errors").toString().contains("\"reason\"")) {
        wrong.add("reason " + r.getKey() + " → " + reply.status() + " " + reply.body());
      }
    }
    for (String by : List.of("eve\u001b[31m", "\u202eecila", "x".repeat(300))) {
      cases.put(
          "body by: " + by.substring(0, Math.min(8, by.length())).replaceAll("\\p{C}", "?"), "");
      HttpResponse<String> reply =
          post(
              "/api/migrations/raced/pause",
              JSON.writeValueAsString(Map.of("reason", "look", "by", by)),
              Map.of());
      if (reply.statusCode() != 400 || !reply.body().contains("\"by\"")) {
        wrong.add("by " + by + " → " + reply.statusCode() + " " + reply.body());
      }
    }
    // Header values as raw bytes (Java's client would turn them into '?'): a C1 control as Latin-1,
    // the UTF-8 bytes of a bidi override (read as Latin-1 they hold U+0080), a tab, and 300
    // characters.
    Map<String, byte[]> users = new TreeMap<>();
    users.put("C1 NEL byte", new byte[] {'m', 'a', 'l', (byte) 0x85});
    users.put("C1 CSI byte", new byte[] {(byte) 0x9b, '2', 'J'});
    users.put("UTF-8 RLO", "\u202eecila".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    users.put("tab", "tab\there".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    users.put(
        "300 characters", "u".repeat(300).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (Map.Entry<String, byte[]> u : users.entrySet()) {
      cases.put("header user: " + u.getKey(), "");
      String reply = rawPause("raced", u.getValue());
      // Bytes outside printable ASCII are already refused by the security filter chain's firewall
      // (400, before any controller); what passes it (a tab, length) is refused by the migration
      // API naming the header.
      if (!reply.startsWith("HTTP/1.1 400")
          || !reply.contains("application/problem+json")
          || !reply.contains("X-ChannelShift-User")
              && !reply.contains("characters that are not allowed")) {
        wrong.add(
            "user header "
                + u.getKey()
                + " → "
                + reply.lines().findFirst().orElse("")
                + " "
                + reply);
      }
    }
    cases.put("start with a hostile user header", "");
    HttpResponse<String> badStart =
        post(
            "/api/migrations",
            plan("never", "membership", "PT1H"),
            Map.of("X-ChannelShift-User", "u".repeat(257)));

    assertThat(wrong).isEmpty();
    assertThat(badStart.statusCode()).isEqualTo(400);
    assertThat(api.migration("never").status()).isEqualTo(404);
    JsonNode after = api.migration("raced").body();
    assertThat(after.path("phase").asText()).isNotEqualTo("PAUSED");
    // the workflow's own entries (its first gate evaluation, a second after the weight) may come
    // meanwhile; no refused request may add one
    assertThat(engineersEntries(after))
        .as(after.path("timeline").toString())
        .isEqualTo(timelineBefore);

    cases.put("reason: ordinary text in Chinese, at 256 characters", "");
    DemoClient.Reply fine = api.migrationAction("raced", "pause", "渠道维护".repeat(64), "alice");
    assertThat(fine.status()).as(fine.body().toString()).isEqualTo(200);
    assertThat(fine.body().path("phase").asText()).isEqualTo("PAUSED");
    assertThat(api.migrationAction("raced", "rollback", "done", "alice").status()).isEqualTo(200);
  }

  // ---- item 5: forged callbacks and the verification gate ----

  @Test
  @Order(6)
  void aFloodOfForgedCallbacksToTheNewChannelMovesNoGate_writesNoRow_andIsStillCounted()
      throws Exception {
    DemoClient.Reply started = api.startMigration(floodPlan(), "alice");
    assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
    awaitWeight("flooded", 5000);
    long rowsBefore = count("select count(*) from callback_rejections where channel = 'nova'");
    double notVerifiedBefore = metric("not_verified");

    Map<Integer, Integer> byStatus = flood(FLOOD);
    sleep(
        5_000); // five evaluations: before the fix three failing ones had rolled the migration back

    JsonNode status = api.migration("flooded").body();
    assertThat(byStatus).as("every forged post refused").containsOnlyKeys(401);
    assertThat(status.path("phase").asText()).isNotEqualTo("ROLLED_BACK");
    assertThat(status.path("consecutiveFailures").asInt()).isZero();
    assertThat(status.path("lastVerdicts").toString()).contains("VERIFICATION_FAILURE_RATE");
    for (JsonNode v : status.path("lastVerdicts")) {
      assertThat(v.path("verdict").asText()).as(v.toString()).isNotEqualTo("FAIL");
    }
    assertThat(count("select count(*) from callback_rejections where channel = 'nova'"))
        .as("rows after %d forged posts", FLOOD)
        .isEqualTo(rowsBefore);
    assertThat(metric("not_verified") - notVerifiedBefore).isGreaterThanOrEqualTo(FLOOD);
  }

  @Test
  @Order(7)
  void callbacksTheChannelSignedThatFailAChainStillCount_onceEach_andRollTheMigrationBack()
      throws Exception {
    long rowsBefore =
        count("select count(*) from callback_rejections where channel = 'nova' and evidence");
    long stale =
        System.currentTimeMillis() / 1000
            - 600; // ten minutes old: the channel's clock or delivery is off
    HttpResponse<String> first = null;
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = signedNovaCallback("stale-" + i, "stale-nonce-" + i, stale);
      assertThat(r.statusCode()).isEqualTo(401);
      first = first == null ? r : first;
    }
    cases.put("signed stale callbacks count against the channel", "");
    for (int i = 0; i < 200; i++) { // a captured one replayed: anyone can, so it counts once
      signedNovaCallback("stale-0", "stale-nonce-0", stale);
    }
    cases.put("one signed stale callback replayed 200 times counts once", "");

    assertThat(
            count("select count(*) from callback_rejections where channel = 'nova' and evidence"))
        .isEqualTo(rowsBefore + 10);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode status = api.migration("flooded").body();
    while (!status.path("phase").asText().equals("ROLLED_BACK") && System.nanoTime() < deadline) {
      sleep(200);
      status = api.migration("flooded").body();
    }
    assertThat(status.path("phase").asText()).as(status.toString()).isEqualTo("ROLLED_BACK");
    assertThat(status.path("rollbackReason").asText()).contains("VERIFICATION_FAILURE_RATE");
  }

  /** Five kinds of junk anyone can post, from eight senders at once. */
  private Map<Integer, Integer> flood(int posts) throws Exception {
    List<Map<String, String>> headerSets =
        List.of(
            Map.of(),
            Map.of(
                "X-Sandbox-Timestamp",
                Long.toString(System.currentTimeMillis() / 1000),
                "X-Sandbox-Nonce",
                "n",
                "X-Sandbox-Signature",
                "c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ=="),
            Map.of("X-Sandbox-Timestamp", "0", "X-Sandbox-Nonce", "n", "X-Sandbox-Signature", ""));
    List<String> bodies =
        List.of(
            "",
            "junk",
            "{\"status\":\"SUCCESS\"}",
            "a=b&sign=x",
            "{\"notifyId\":\"N1\",\"merchantId\":\""
                + EmbeddedStack.NOVA_MERCHANT
                + "\",\"outTradeNo\":\"o\","
                + "\"status\":\"SUCCESS\",\"amountMinor\":1,\"currency\":\"CNY\"}");
    cases.put(
        "forged flood: unsigned, bad signature, garbage, form, plausible JSON ("
            + posts
            + " posts)",
        "");
    Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(
            senders.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < posts; i = next.getAndIncrement()) {
                    HttpRequest.Builder b =
                        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/notify/nova"))
                            .header("Content-Type", "application/json")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())));
                    headerSets.get(i % headerSets.size()).forEach(b::header);
                    int code =
                        http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    byStatus.merge(code, 1, Integer::sum);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      senders.shutdownNow();
    }
    return byStatus;
  }

  private HttpResponse<String> signedNovaCallback(String notifyId, String nonce, long timestamp)
      throws Exception {
    String body =
        "{\"notifyId\":\""
            + notifyId
            + "\",\"merchantId\":\""
            + EmbeddedStack.NOVA_MERCHANT
            + "\",\"outTradeNo\":\"o-"
            + notifyId
            + "\",\"tradeNo\":\"T1\",\"status\":\"SUCCESS\",\"amountMinor\":100,"
            + "\"currency\":\"CNY\"}";
    String ts = Long.toString(timestamp);
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/notify/nova"))
            .header("Content-Type", "application/json")
            .header("X-Sandbox-Timestamp", ts)
            .header("X-Sandbox-Nonce", nonce)
            .header(
                "X-Sandbox-Signature",
                HmacSignature.sign(stack.sandboxSecret(EmbeddedStack.NOVA), ts, nonce, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code channelshift_callbacks_total} of nova for an outcome, as ops scrape it. */
  private double metric(String outcome) throws Exception {
    String scrape =
        http.send(
                HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + DevKeys.OPS)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m =
        Pattern.compile("(?m)^channelshift_callbacks_total\\{([^}]*)\\} (\\S+)$").matcher(scrape);
    while (m.find()) {
      if (m.group(1).contains("channel=\"nova\"")
          && m.group(1).contains("outcome=\"" + outcome + "\"")) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }

  /**
   * A pause with the user header's value given as raw bytes, over a plain socket; the whole answer
   * as text.
   */
  private String rawPause(String migrationId, byte[] user) throws Exception {
    URI base = URI.create(stack.apiBaseUrl());
    byte[] body = "{\"reason\":\"look\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
    request.writeBytes(
        ("POST /api/migrations/"
                + migrationId
                + "/pause HTTP/1.1\r\nHost: "
                + base.getHost()
                + "\r\n"
                + "Authorization: Bearer "
                + DevKeys.ENGINEER
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\nX-ChannelShift-User: ")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    request.writeBytes(user);
    request.writeBytes("\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    request.writeBytes(body);
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.toByteArray());
      socket.getOutputStream().flush();
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  private HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
            .header("Authorization", "Bearer " + DevKeys.ENGINEER)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A valid plan with one field set to a value (a top-level duration, or {@code
   * steps[0].minDuration}).
   */
  private static String planWith(String id, String scope, String field, String value) {
    String v = value == null ? "null" : "\"" + value + "\"";
    String step0 = field.equals("steps[0].minDuration") ? v : "\"PT1S\"";
    String top = field.startsWith("steps") ? "" : ",\"" + field + "\":" + v;
    String base =
        """
        {"migrationId":"%s","fromChannel":"legacy","toChannel":"nova","scope":"%s",
         "steps":[{"weightBps":5000,"minDuration":%s,"minSamples":0,"requireApproval":true},
                  {"weightBps":10000,"minDuration":"PT1S","minSamples":0}],
         "failureLimit":3"""
            .formatted(id, scope, step0);
    Map<String, String> defaults =
        new TreeMap<>(
            Map.of(
                "evaluationInterval",
                "\"PT1S\"",
                "window",
                "\"PT10S\"",
                "inconclusiveLimit",
                "\"PT10M\"",
                "bakePeriod",
                "\"PT1H\""));
    defaults.remove(field);
    StringBuilder plan = new StringBuilder(base);
    defaults.forEach((k, d) -> plan.append(",\"").append(k).append("\":").append(d));
    return plan.append(top).append('}').toString();
  }

  /** Two steps, the first at 50% waiting for approval so that the migration holds there. */
  /**
   * The timeline entries a person's request made (STARTED, PAUSED, REFUSED ...), not the workflow.
   */
  private static long engineersEntries(JsonNode migration) {
    long entries = 0;
    for (JsonNode entry : migration.path("timeline")) {
      if (!entry.path("by").asText().equals("workflow")) {
        entries++;
      }
    }
    return entries;
  }

  private static String plan(String id, String scope, String bake) {
    return """
        {"migrationId":"%s","fromChannel":"legacy","toChannel":"nova","scope":"%s",
         "steps":[{"weightBps":5000,"minDuration":"PT1S","minSamples":0,"requireApproval":true},
                  {"weightBps":10000,"minDuration":"PT1S","minSamples":0}],
         "evaluationInterval":"PT1S","inconclusiveLimit":"PT10M","failureLimit":3,"bakePeriod":"%s"}"""
        .formatted(id, scope, bake);
  }

  /** Holds at 50% on scope membership; its verification gate judges from five callbacks on. */
  private static String floodPlan() {
    return """
        {"migrationId":"flooded","fromChannel":"legacy","toChannel":"nova","scope":"membership",
         "steps":[{"weightBps":5000,"minDuration":"PT1S","minSamples":0,"requireApproval":true},
                  {"weightBps":10000,"minDuration":"PT1S","minSamples":0}],
         "gates":{"verificationFailureRate":{"limit":0.01,"maxDifference":0.005,"minSamples":5}},
         "evaluationInterval":"PT1S","window":"PT30S","inconclusiveLimit":"PT10M","failureLimit":3,
         "bakePeriod":"PT1H"}""";
  }

  private void awaitWeight(String migrationId, int weight) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (api.migration(migrationId).body().path("weightBps").asInt() != weight) {
      assertThat(System.nanoTime())
          .as("%s reaching %d bps", migrationId, weight)
          .isLessThan(deadline);
      sleep(100);
    }
  }

  private long count(String sql) {
    Long n = db.queryForObject(sql, Long.class);
    return n == null ? 0 : n;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
