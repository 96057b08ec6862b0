package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowNotFoundException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ten thousand generated malformed and hostile requests against every endpoint of the running
 * stack: wrong types, huge and negative numbers, unicode and control characters, oversized bodies,
 * wrong content types, injection strings, path traversal, missing and wrong keys. Every one must be
 * refused with a problem+json that names the problem; none may get a 5xx, start a workflow or write
 * a row, a refused callback's row included: the hostile posts to the notify endpoints are unsigned
 * or forged, which proves nothing about the channel, so no gate may count them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

  private static final int REQUESTS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TABLES =
      List.of(
          "payments",
          "refunds",
          "ledger_entries",
          "migrations",
          "callback_inbox",
          "callback_nonces",
          "callback_rejections",
          "routing_tables",
          "webhook_deliveries",
          "reconciliation_runs",
          "statement_lines",
          "discrepancies");

  private EmbeddedStack stack;
  private JdbcTemplate db;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final SplittableRandom random = new SplittableRandom(20261125);
  private final Set<String> orderIdsSent = new HashSet<>();

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    db = new JdbcTemplate(stack.dataSource());
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void tenThousandHostileRequestsAreAllRefusedCleanly() throws Exception {
    Map<String, Long> rowsBefore = rowCounts();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    List<String> failures = new ArrayList<>();

    for (int i = 0; i < REQUESTS; i++) {
      Hostile request = next(i);
      HttpResponse<String> response;
      try {
        response =
            http.send(request.build(stack.apiBaseUrl()), HttpResponse.BodyHandlers.ofString());
      } catch (IllegalArgumentException unsendable) {
        continue; // the client itself refuses to send it (e.g. a raw control character in a header)
      }
      byStatus.merge(response.statusCode(), 1, Integer::sum);
      String problem = problemOf(response);
      if (problem != null && failures.size() < 20) {
        failures.add(request.describe() + " → " + response.statusCode() + " " + problem);
      }
    }

    System.out.println("hostile requests answered, by status: " + byStatus);
    assertThat(failures).as("answers by status: %s", byStatus).isEmpty();
    assertThat(byStatus.keySet()).as("every request refused").allMatch(s -> s >= 400 && s < 500);
    assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum())
        .isGreaterThan(REQUESTS * 9 / 10);
    Thread.sleep(500); // anything a request had started would have written by now
    assertThat(rowCounts()).as("rows written").isEqualTo(rowsBefore);
    for (String orderId : orderIdsSent) {
      assertThat(workflowExists(orderId)).as("a workflow for %s", orderId).isFalse();
    }
  }

  /** Null when the answer is a proper refusal; else what is wrong with it. */
  private static String problemOf(HttpResponse<String> response) {
    if (response.statusCode() >= 500) {
      return "a 5xx: " + abbreviate(response.body());
    }
    if (response.statusCode() < 400) {
      return "accepted: " + abbreviate(response.body());
    }
    if (!response
        .headers()
        .firstValue("Content-Type")
        .orElse("")
        .startsWith("application/problem+json")) {
      return "not problem+json: "
          + response.headers().firstValue("Content-Type").orElse("(none)")
          + " "
          + abbreviate(response.body());
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      if (body.path("title").asText("").isBlank() || body.path("detail").asText("").isBlank()) {
        return "a problem that names nothing: " + abbreviate(response.body());
      }
    } catch (Exception e) {
      return "a problem that is not JSON: " + abbreviate(response.body());
    }
    return null;
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, db.queryForObject("select count(*) from " + table, Long.class));
    }
    return counts;
  }

  private boolean workflowExists(String orderId) {
    try {
      stack.client().newUntypedWorkflowStub(TemporalNames.paymentWorkflowId(orderId)).describe();
      return true;
    } catch (WorkflowNotFoundException | IllegalArgumentException e) {
      return false;
    }
  }

  // ---- the generator

  /** One request to send. */
  private record Hostile(
      String method,
      String path,
      String contentType,
      String body,
      String key,
      Map<String, String> headers) {

    HttpRequest build(String base) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
      if (key != null) {
        b.header("Authorization", "Bearer " + key);
      }
      headers.forEach(b::header);
      return b.build();
    }

    String describe() {
      return method
          + " "
          + abbreviate(path)
          + " ["
          + contentType
          + ", key "
          + key
          + "] "
          + abbreviate(body);
    }
  }

  private Hostile next(int i) {
    return switch (i % 10) {
      case 0 -> i % 20 == 0 ? readOther() : createPayment(i);
      case 1, 2 -> createPayment(i);
      case 3 -> refund(i);
      case 4 -> readPayment();
      case 5 -> startMigration(i);
      case 6 -> actOnMigration();
      case 7 -> callback();
      case 8 -> codec();
      default -> wrongKey(i);
    };
  }

  private static final List<Object> BAD_IDS =
      List.of(
          "",
          " ",
          "../../etc/passwd",
          "a".repeat(65),
          "名前",
          "<script>alert(1)</script>",
          "' OR 1=1 --",
          "${jndi:ldap://x/a}",
          "id\u0000x",
          "id\nx",
          "id x",
          "%00",
          123,
          1.5,
          true,
          List.of(),
          Map.of(),
          "\u202Eevil",
          "😀");
  private static final List<Object> BAD_AMOUNTS =
      List.of(
          -1,
          0,
          "100",
          1.5,
          -9_223_372_036_854_775_807L,
          100_000_001,
          new java.math.BigInteger("99999999999999999999999999"),
          true,
          List.of(1),
          Map.of("a", 1),
          "1e3",
          "NaN",
          "Infinity",
          "");
  private static final List<Object> BAD_CURRENCIES =
      List.of("ZZZ", "", "CNY\u0000", "€", 156, List.of("CNY"), "CNYCNY", "' OR 1=1 --");
  private static final List<Object> BAD_PRODUCTS =
      List.of("gold", "", "top up", 5, "<x>", List.of(), "../topup");
  private static final List<Object> BAD_TEXTS =
      List.of(
          "x".repeat(129),
          "a\u0007b",
          "\u0000",
          7,
          List.of(),
          Map.of(),
          "line\r\nInjected-Header: 1",
          "\u001b[31mred");
  private static final List<Object> BAD_IPS =
      List.of("999.1.1.1", "localhost", "1.2.3", "::g", 5, "' OR 1=1", "203.0.113.1; rm -rf /", "");

  private Hostile createPayment(int i) {
    String orderId = "hostile-" + i;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orderId", orderId);
    body.put("userId", "u-" + i);
    body.put("amountMinor", 100);
    body.put("currency", "CNY");
    body.put("productType", "topup");
    body.put("subject", "card");
    body.put("clientIp", "203.0.113.1");
    orderIdsSent.add(orderId);
    int corruptions = 1 + random.nextInt(3);
    for (int c = 0; c < corruptions; c++) {
      switch (random.nextInt(8)) {
        case 0 -> body.put("orderId", pick(BAD_IDS));
        case 1 -> body.put("userId", pick(BAD_IDS));
        case 2 -> body.put("amountMinor", pick(BAD_AMOUNTS));
        case 3 -> body.put("currency", pick(BAD_CURRENCIES));
        case 4 -> body.put("productType", pick(BAD_PRODUCTS));
        case 5 -> body.put("subject", pick(BAD_TEXTS));
        case 6 -> body.put("clientIp", pick(BAD_IPS));
        default ->
            body.remove(
                pick(List.of("orderId", "userId", "amountMinor", "currency", "productType")));
      }
    }
    return new Hostile(
        "POST", "/api/payments", contentType(), mangle(write(body)), DevKeys.PLATFORM, Map.of());
  }

  private Hostile refund(int i) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("refundId", random.nextBoolean() ? "r-" + i : pick(BAD_IDS));
    body.put("amountMinor", random.nextBoolean() ? 100 : pick(BAD_AMOUNTS));
    body.put("reason", random.nextBoolean() ? "x" : pick(BAD_TEXTS));
    // no such payment, whatever the body: nothing may be refunded
    return new Hostile(
        "POST",
        "/api/payments/" + pathSegment("nope-" + i) + "/refunds",
        contentType(),
        mangle(write(body)),
        DevKeys.PLATFORM,
        Map.of());
  }

  private static final List<Object> BAD_DATES =
      List.of(
          "",
          "2026-13-01",
          "2026-02-30",
          "26-11-2026",
          "today",
          "2999-01-01",
          20261125,
          List.of(),
          "2026-11-25' OR 1=1 --",
          "../2026-11-25",
          "２０２６-11-25");

  /**
   * The other endpoints: routes, migrations by id, the dev webhook receiver, reconciliations and
   * costs (every reconciliation asked for names a channel or a day that cannot be reconciled, so
   * none may start).
   */
  private Hostile readOther() {
    return switch (random.nextInt(6)) {
      case 3 -> {
        if (random
            .nextBoolean()) { // settling a discrepancy: none exists here, every id is unknown or
          // malformed
          yield new Hostile(
              "POST",
              "/api/reconciliations/discrepancies/"
                  + pathSegment(String.valueOf(random.nextInt(1000)))
                  + "/resolve",
              contentType(),
              mangle(write(Map.of("resolution", pick(BAD_TEXTS)))),
              DevKeys.ENGINEER,
              Map.of());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        boolean badChannel = random.nextBoolean();
        body.put("channel", badChannel ? pick(BAD_IDS) : "legacy");
        body.put("date", badChannel && random.nextBoolean() ? "2026-11-25" : pick(BAD_DATES));
        yield new Hostile(
            "POST",
            "/api/reconciliations",
            contentType(),
            mangle(write(body)),
            DevKeys.ENGINEER,
            Map.of());
      }
      case 4 ->
          new Hostile(
              "GET",
              "/api/reconciliations?channel="
                  + query(pick(BAD_IDS))
                  + "&date="
                  + query(pick(BAD_DATES)),
              null,
              null,
              DevKeys.OPS,
              Map.of());
      case 5 -> {
        // A far future period is a valid (empty) question: at least one of the two dates must be
        // malformed.
        List<Object> malformed = BAD_DATES.stream().filter(d -> !"2999-01-01".equals(d)).toList();
        boolean fromBad = random.nextBoolean();
        Object from = fromBad ? pick(malformed) : pick(BAD_DATES);
        Object to = fromBad ? pick(BAD_DATES) : pick(malformed);
        yield new Hostile(
            "GET",
            "/api/channels/costs?from=" + query(from) + "&to=" + query(to),
            null,
            null,
            pick(List.of(DevKeys.OPS, DevKeys.PLATFORM)),
            Map.of());
      }
      case 0 ->
          new Hostile(
              "GET",
              "/api/migrations/" + pathSegment("none"),
              null,
              null,
              pick(List.of(DevKeys.ENGINEER, DevKeys.OPS)),
              Map.of());
      case 1 ->
          new Hostile(
              "POST",
              "/api/routes",
              contentType(),
              "{}",
              DevKeys.OPS,
              Map.of()); // routes are read-only
      default ->
          new Hostile(
              "POST",
              "/dev/webhooks",
              contentType(),
              mangle("{\"eventId\":\"x\"}"),
              null,
              Map.of(
                  "X-ChannelShift-Timestamp",
                  "1",
                  "X-ChannelShift-Nonce",
                  "n",
                  "X-ChannelShift-Signature",
                  "bad"));
    };
  }

  private static String query(Object value) {
    return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
  }

  private Hostile readPayment() {
    String path =
        random.nextBoolean()
            ? "/api/payments/" + pathSegment("missing")
            : "/api/payments/" + pathSegment("missing") + "/refunds/" + pathSegment("r");
    return new Hostile(
        "GET", path, null, null, random.nextBoolean() ? DevKeys.PLATFORM : DevKeys.OPS, Map.of());
  }

  private Hostile startMigration(int i) {
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("migrationId", "hostile-m-" + i);
    plan.put("fromChannel", "legacy");
    plan.put("toChannel", "nova");
    plan.put("scope", "all");
    plan.put("steps", List.of(Map.of("weightBps", 1000, "minDuration", "PT10S", "minSamples", 5)));
    switch (random.nextInt(9)) {
      case 0 -> plan.put("migrationId", pick(BAD_IDS));
      case 1 ->
          plan.put("toChannel", pick(List.of("paypal", "", "legacy", 5, "../nova", "nova\u0000")));
      case 2 -> plan.put("fromChannel", pick(List.of("nova", "", 7, List.of())));
      case 3 ->
          plan.put(
              "steps",
              pick(
                  List.of(
                      List.of(),
                      "steps",
                      5,
                      List.of(Map.of("weightBps", -5)),
                      List.of(Map.of("weightBps", 10_001)),
                      List.of(Map.of("weightBps", "half")),
                      List.of(Map.of("weightBps", 1000, "minDuration", "forever")))));
      case 4 -> plan.put("scope", pick(BAD_PRODUCTS));
      case 5 ->
          plan.put("evaluationInterval", pick(List.of("PT0S", "-PT1S", "P9999999999D", 5, "soon")));
      case 6 ->
          plan.put(
              "gates",
              pick(
                  List.of(
                      "none",
                      5,
                      Map.of("createSuccessRate", Map.of("limit", 7)),
                      Map.of("noSuchGate", Map.of()))));
      case 7 -> plan.put("failureLimit", pick(List.of(0, -1, "3", 1e12)));
      default -> plan.put("startAtStep", pick(List.of(-1, 99, "one", 1.5)));
    }
    return new Hostile(
        "POST", "/api/migrations", contentType(), mangle(write(plan)), DevKeys.ENGINEER, Map.of());
  }

  private Hostile actOnMigration() {
    String action =
        pick(
            List.of(
                "pause",
                "resume",
                "promote",
                "rollback",
                "approve",
                "promote-full",
                "delete",
                "..",
                "%2e%2e",
                "PAUSE",
                "pause;drop"));
    String body =
        pick(
            List.of(
                "",
                "{}",
                "{\"reason\":" + write(pick(BAD_TEXTS)) + "}",
                "[]",
                "{\"by\":5}",
                "nul"));
    return new Hostile(
        "POST",
        "/api/migrations/" + pathSegment("none") + "/" + action,
        contentType(),
        body,
        DevKeys.ENGINEER,
        Map.of());
  }

  private Hostile callback() {
    String channel =
        random.nextInt(4) == 0 ? pathSegment("paypal") : pick(List.of("legacy", "nova"));
    Map<String, String> headers = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      headers.put(
          "X-Sandbox-Timestamp", pick(List.of("0", "-1", "99999999999999999999", "now", "")));
      headers.put("X-Sandbox-Nonce", pick(List.of("n", "", "x".repeat(300), "' OR 1=1")));
      headers.put("X-Sandbox-Signature", pick(List.of("", "c2ln", "%%%", "x".repeat(1000))));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notifyId", pick(BAD_IDS));
    body.put("merchantId", "M-LEGACY-001");
    body.put("outTradeNo", pick(BAD_IDS));
    body.put("status", "SUCCESS");
    body.put("amountMinor", pick(BAD_AMOUNTS));
    return new Hostile(
        "POST", "/notify/" + channel, contentType(), mangle(write(body)), null, headers);
  }

  private Hostile codec() {
    boolean decode = random.nextBoolean();
    List<String> bodies =
        new ArrayList<>(
            List.of(
                "",
                "[]",
                "{\"payloads\":5}",
                "{\"payloads\":[{\"data\":\"%%%\"}]}",
                "{\"payloads\":[{\"metadata\":5}]}",
                "{\"payloads\":[{\"metadata\":{\"encoding\":\"not base64!\"}}]}",
                "x".repeat(70_000),
                "{\"payloads\":[" + "[".repeat(500) + "]}"));
    if (decode) { // encrypted-looking payloads that no key of ours made
      bodies.add(
          "{\"payloads\":[{\"metadata\":{\"encoding\":\"YmluYXJ5L2VuY3J5cHRlZA==\"},\"data\":\"AAAA\"}]}");
      bodies.add(
          "{\"payloads\":[{\"metadata\":{\"encoding\":\"YmluYXJ5L2VuY3J5cHRlZA==\",\"encryption-key-id\":"
              + "\"bm9wZQ==\"},\"data\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}]}");
      bodies.add(
          "{\"payloads\":[{\"metadata\":{\"encoding\":\"YmluYXJ5L2VuY3J5cHRlZA==\",\"encryption-key-id\":"
              + "\"ZW1iZWRkZWQtMQ==\"},\"data\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}");
    }
    return new Hostile(
        "POST",
        decode ? "/codec/decode" : "/codec/encode",
        contentType(),
        pick(bodies),
        DevKeys.OPS,
        Map.of());
  }

  private Hostile wrongKey(int i) {
    String key =
        pick(
            java.util.Arrays.asList(
                null,
                "",
                "csk_dev_platformx",
                "Bearer",
                "' OR 1=1 --",
                "x".repeat(5_000),
                DevKeys.OPS));
    String path =
        pick(
            List.of(
                "/api/payments",
                "/api/migrations",
                "/api/migrations/m/rollback",
                "/api/payments/o/refunds",
                "/actuator/env",
                "/actuator/heapdump",
                "/api/../actuator/env"));
    String method = path.startsWith("/actuator") ? "GET" : "POST";
    String body =
        "{\"orderId\":\"hostile-k-"
            + i
            + "\",\"userId\":\"u\",\"amountMinor\":100,\"currency\":\"CNY\","
            + "\"productType\":\"topup\"}";
    orderIdsSent.add("hostile-k-" + i);
    return new Hostile(
        method,
        path,
        "application/json",
        method.equals("GET") ? null : body,
        key == null || key.isEmpty() ? null : key,
        Map.of());
  }

  /** A path segment that is never a real id: traversal, encodings, injection, overlong. */
  private String pathSegment(String plain) {
    return pick(
        List.of(
            plain,
            "..",
            "%2e%2e",
            "..%2f..%2fetc%2fpasswd",
            "%00",
            "x".repeat(300),
            URLEncoder.encode("<script>", StandardCharsets.UTF_8),
            URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8),
            "%E5%90%8D%E5%89%8D",
            "a;b=c",
            "%252e%252e",
            URLEncoder.encode("${jndi:ldap://x}", StandardCharsets.UTF_8)));
  }

  private String contentType() {
    return pick(
        java.util.Arrays.asList(
            "application/json",
            "application/json",
            "application/json",
            "text/plain",
            "application/xml",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            null,
            "application/json; charset=ebcdic",
            "*/*"));
  }

  /** Sometimes the body is not even JSON: truncated, doubled, oversized, binary. */
  private String mangle(String json) {
    return switch (random.nextInt(12)) {
      case 0 -> json.substring(0, json.length() / 2);
      case 1 -> json + json;
      case 2 -> "[" + json + "]";
      case 3 -> json.replace("\"", "'");
      case 4 -> "{\"a\":\"" + "x".repeat(70_000) + "\"}";
      case 5 -> "\u0000\u0001\u0002" + json;
      case 6 -> "{" + "\"a\":{".repeat(2_000) + "}".repeat(2_001);
      default -> json;
    };
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 160 ? text : text.substring(0, 160) + "…(" + text.length() + ")";
  }
}
