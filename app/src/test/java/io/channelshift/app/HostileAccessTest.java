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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hostile cases of issue 15 that the generated suite ({@link HostileInputTest}) could not
 * catch: every method against every route family with every role's key and none (deny by default,
 * HEAD judged as GET), bodies refused before they are read (no key, over the limit, chunked,
 * multipart, form), client addresses in forms that escaped the blocklist, extreme dates, ids that
 * cannot be read back, {@code /error}, a refund or close of a rejected payment, an order id whose
 * payment has ended, a card number beside another number, and JSON that two readers could read
 * differently. Each test counts the cases it tries in {@link #CASES}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileAccessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 64 * 1024;

  /**
   * What the server may discard of a refused body after its answer, so that the client reads the
   * answer.
   */
  private static final int DISCARD_CAP = 2 * LIMIT;

  private static final AtomicInteger CASES = new AtomicInteger();

  private EmbeddedStack stack;
  private JdbcTemplate db;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    db = new JdbcTemplate(stack.dataSource());
  }

  @AfterAll
  void stop() {
    System.out.println("hostile access cases tried: " + CASES.get());
    stack.close();
  }

  // ---- access control: deny by default

  private static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
  private static final Map<String, String> KEYS = keys();
  private static final String ANYONE = "anyone";

  private static Map<String, String> keys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("none", null);
    keys.put("not ours", "csk_dev_platformx");
    keys.put("platform", DevKeys.PLATFORM);
    keys.put("engineer", DevKeys.ENGINEER);
    keys.put("ops", DevKeys.OPS);
    keys.put("admin", DevKeys.ADMIN);
    return keys;
  }

  /**
   * A path of every route family, and per method the roles that may call it (docs/api.md, "Access
   * control").
   */
  private record Route(String path, Map<String, Set<String>> allowed) {}

  private static Route route(String path, Object... methodsAndRoles) {
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    for (int i = 0; i < methodsAndRoles.length; i += 2) {
      allowed.put(
          (String) methodsAndRoles[i], Set.of(((String) methodsAndRoles[i + 1]).split(",")));
    }
    return new Route(path, allowed);
  }

  private List<Route> routes(String orderId, String migrationId) {
    String reads = "platform,ops,admin";
    return List.of(
        route("/api/payments", "POST", "platform,admin"),
        route("/api/payments/" + orderId, "GET", reads, "HEAD", reads),
        route("/api/payments/no-such-order", "GET", reads, "HEAD", reads),
        route("/api/payments/" + orderId + "/refunds", "POST", "platform,admin"),
        route("/api/payments/" + orderId + "/refunds/r-1", "GET", reads, "HEAD", reads),
        route("/api/payments/" + orderId + "/close", "POST", "platform,admin"),
        route("/api/payments/" + orderId + "/settle", "POST", "ops,admin"),
        route("/api/payments/" + orderId + "/fulfilment/resend", "POST", "ops,admin"),
        route("/api/payments/" + orderId + "/refunds/r-1/webhook/resend", "POST", "ops,admin"),
        route("/api/manual-requests", "GET", "ops,admin", "HEAD", "ops,admin"),
        route(
            "/api/migrations",
            "GET",
            "engineer,ops,admin",
            "HEAD",
            "engineer,ops,admin",
            "POST",
            "engineer,admin"),
        route(
            "/api/migrations/" + migrationId,
            "GET",
            "engineer,ops,admin",
            "HEAD",
            "engineer,ops,admin"),
        route("/api/migrations/" + migrationId + "/pause", "POST", "engineer,admin"),
        route(
            "/api/migrations/" + migrationId + "/series",
            "GET",
            "engineer,ops,admin",
            "HEAD",
            "engineer,ops,admin",
            // the engineers' POST /api/migrations/{id}/{action} rule: answered 404, no such action
            "POST",
            "engineer,admin"),
        // the console: its pages for anyone, who is signed in for any key, signing in and out
        route("/console/", "GET", ANYONE, "HEAD", ANYONE),
        route("/console/console.js", "GET", ANYONE, "HEAD", ANYONE),
        route("/webjars/uplot/1.6.30/dist/uPlot.esm.js", "GET", ANYONE, "HEAD", ANYONE),
        route(
            "/console/api/me",
            "GET",
            "platform,engineer,ops,admin",
            "HEAD",
            "platform,engineer,ops,admin"),
        route("/console/sign-in", "POST", ANYONE),
        route("/console/sign-out", "POST", ANYONE),
        route("/api/scopes/all/health", "GET", "engineer,ops,admin", "HEAD", "engineer,ops,admin"),
        route("/api/scopes/all/hold", "POST", "engineer,admin"),
        route("/api/scopes/all/failover", "POST", "engineer,admin"),
        route(
            "/api/routes",
            "GET",
            "platform,engineer,ops,admin",
            "HEAD",
            "platform,engineer,ops,admin"),
        route("/api/routes/all/backups", "PUT", "engineer,admin"),
        route(
            "/api/reconciliations?channel=legacy&date=2026-01-01",
            "GET",
            "engineer,ops,admin",
            "HEAD",
            "engineer,ops,admin",
            "POST",
            "engineer,admin"),
        route("/api/reconciliations/discrepancies/1/resolve", "POST", "engineer,admin"),
        route("/api/channels/costs", "GET", "engineer,ops,admin", "HEAD", "engineer,ops,admin"),
        route("/api/channels", "GET", "engineer,ops,admin", "HEAD", "engineer,ops,admin"),
        route(
            "/api/channels/legacy/lifecycle",
            "GET",
            "engineer,ops,admin",
            "HEAD",
            "engineer,ops,admin"),
        route("/api/channels/legacy/drain", "POST", "engineer,admin"),
        route("/api/channels/legacy/retire", "POST", "engineer,admin"),
        route("/api/channels/legacy/activate", "POST", "engineer,admin"),
        route("/codec/decode", "POST", "ops,admin"),
        route("/codec/encode", "POST", "ops,admin"),
        route("/actuator/prometheus", "GET", "ops,admin", "HEAD", "ops,admin"),
        route("/actuator/env", "GET", "ops,admin", "HEAD", "ops,admin"),
        route("/actuator/health", "GET", ANYONE, "HEAD", ANYONE),
        route("/notify/legacy", "POST", ANYONE),
        route("/notify/legacy/refunds", "POST", ANYONE),
        route("/dev/webhooks", "GET", ANYONE, "HEAD", ANYONE, "POST", ANYONE),
        route("/error"),
        route("/api"),
        route("/api/nothing-here"),
        route("/"));
  }

  private static final Set<String> ACCESS_DETAILS =
      Set.of(
          "an API key is required: Authorization: Bearer <key>",
          "this API key does not have the role this call needs",
          "the API key is not valid");

  @Test
  void everyMethodOnEveryRouteWithEveryKeyIsDecidedByARuleOrRefused() throws Exception {
    String orderId = "acc-" + System.nanoTime();
    assertThat(createPayment(orderId, 100, "203.0.113.10").statusCode()).isEqualTo(201);
    String migrationId = "no-such-migration";
    Map<String, Long> rowsBefore = rowCounts();
    List<String> failures = new ArrayList<>();
    int tried = 0;
    for (Route route : routes(orderId, migrationId)) {
      for (String method : METHODS) {
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
          tried++;
          Set<String> roles = route.allowed().getOrDefault(method, Set.of());
          // A key that is not ours is refused everywhere, the open endpoints too.
          boolean allowed =
              !key.getKey().equals("not ours")
                  && (roles.contains(ANYONE) || roles.contains(key.getKey()));
          String body = Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(method) ? null : "{}";
          HttpResponse<String> response;
          try {
            response = send(method, route.path(), key.getValue(), body);
          } catch (IOException e) {
            failures.add(
                method + " " + route.path() + " with key " + key.getKey() + ": no answer, " + e);
            continue;
          }
          String why = check(method, key.getKey(), allowed, response);
          if (why != null) {
            failures.add(
                method
                    + " "
                    + route.path()
                    + " with key "
                    + key.getKey()
                    + " → "
                    + response.statusCode()
                    + " "
                    + abbreviate(response.body())
                    + ": "
                    + why);
          }
        }
      }
    }
    CASES.addAndGet(tried);
    System.out.println("access matrix: " + tried + " requests");
    assertThat(failures).isEmpty();
    assertThat(rowCounts())
        .as("nothing written by the matrix (the refused /notify posts aside)")
        .isEqualTo(rowsBefore);
  }

  /** Null when the answer is right for the case. */
  private static String check(
      String method, String key, boolean allowed, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 500) {
      return "a 5xx";
    }
    if (allowed) {
      if ((status == 401 || status == 403)
          && (method.equals("HEAD") || ACCESS_DETAILS.contains(detail(response)))) {
        return "refused by access control although a rule allows it";
      }
      return null;
    }
    if (status != 401 && status != 403 && status != 405) {
      return "not refused: no rule names it for this key";
    }
    boolean noKey = key.equals("none") || key.equals("not ours");
    if (noKey && status != 401 && !method.equals("TRACE")) {
      return "without a valid key it must be 401";
    }
    if (!method.equals("HEAD")
        && !method.equals("TRACE")
        && !response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json")) {
      return "not problem+json";
    }
    return null;
  }

  @Test
  void aHeadIsJudgedAsItsGetAndTellsNothingToAKeyWithoutTheRole() throws Exception {
    String orderId = "head-" + System.nanoTime();
    assertThat(createPayment(orderId, 100, "203.0.113.11").statusCode()).isEqualTo(201);
    List<String> cases =
        List.of(
            "/api/payments/" + orderId,
            "/api/payments/no-such-order",
            "/api/migrations",
            "/api/migrations/none",
            "/api/reconciliations",
            "/api/channels/costs",
            "/actuator/prometheus");
    for (String path : cases) {
      int engineer = send("HEAD", path, DevKeys.ENGINEER, null).statusCode();
      int platform = send("HEAD", path, DevKeys.PLATFORM, null).statusCode();
      int none = send("HEAD", path, null, null).statusCode();
      CASES.addAndGet(3);
      assertThat(none).as("HEAD %s without a key", path).isEqualTo(401);
      if (path.startsWith("/api/payments")) {
        assertThat(engineer).as("HEAD %s with an engineer key", path).isEqualTo(403);
        assertThat(platform).as("HEAD %s with a platform key", path).isIn(200, 404);
      } else if (path.startsWith("/actuator")) {
        assertThat(engineer).isEqualTo(403);
        assertThat(platform).isEqualTo(403);
      } else {
        assertThat(platform).as("HEAD %s with a platform key", path).isEqualTo(403);
      }
    }
  }

  @Test
  void errorIsNeverAnswered500() throws Exception {
    for (String method : METHODS) {
      for (String key : KEYS.values()) {
        CASES.incrementAndGet();
        HttpResponse<String> response = send(method, "/error", key, null);
        assertThat(response.statusCode()).as("%s /error with %s", method, key).isBetween(400, 499);
      }
    }
  }

  // ---- bodies: refused before they are read

  /**
   * What is sent of a body that the server may read up to the limit: enough to go past it, and no
   * more.
   */
  private static final long PAST_THE_LIMIT = LIMIT + 2 * 4096;

  @Test
  void aFormPutWithoutAKeyIsAnswered401BeforeItsBodyIsRead() throws Exception {
    for (long length : List.of((long) LIMIT - 1, 10_000_000L)) {
      CASES.incrementAndGet();
      RawExchange exchange =
          RawExchange.declared(
              port(),
              "PUT",
              "/api/payments",
              null,
              "application/x-www-form-urlencoded",
              length,
              1024,
              "a=");
      assertThat(exchange.status).as("%s", exchange).isEqualTo(length > LIMIT ? 413 : 401);
      assertThat(exchange.readAtMostTheLimitMore)
          .as("at most the limit of the rest is read: %s", exchange)
          .isTrue();
    }
    CASES.incrementAndGet();
    RawExchange chunked =
        RawExchange.chunked(
            port(), "PUT", "/api/payments", null, "application/x-www-form-urlencoded", 1024, "a=");
    assertThat(chunked.status).as("%s", chunked).isEqualTo(401);
    assertThat(chunked.readAtMostTheLimitMore).as("%s", chunked).isTrue();
  }

  @Test
  void aDeclaredBodyOverTheLimitIsAnswered413BeforeItIsRead() throws Exception {
    for (String key : Arrays.asList(null, DevKeys.PLATFORM)) {
      for (String contentType :
          List.of(
              "application/json",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=x")) {
        CASES.incrementAndGet();
        RawExchange exchange =
            RawExchange.declared(
                port(), "POST", "/api/payments", key, contentType, 10_000_000, 1024, "{");
        assertThat(exchange.status).as("%s", exchange).isEqualTo(413);
        assertThat(exchange.readAtMostTheLimitMore).as("%s", exchange).isTrue();
      }
    }
  }

  @Test
  void aChunkedJsonBodyFromAPlatformKeyIsCutAtTheLimit() throws Exception {
    CASES.incrementAndGet();
    RawExchange exchange =
        RawExchange.chunked(
            port(),
            "POST",
            "/api/payments",
            DevKeys.PLATFORM,
            "application/json",
            PAST_THE_LIMIT,
            "{\"subject\":\"");
    assertThat(exchange.status).as("%s", exchange).isEqualTo(413);
    assertThat(exchange.readAtMostTheLimitMore).as("%s", exchange).isTrue();
  }

  @Test
  void aChunkedMultipartBodyIsNeverParsed() throws Exception {
    String start = "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n";
    for (String key :
        Arrays.asList(null, DevKeys.PLATFORM, DevKeys.ENGINEER, DevKeys.OPS, DevKeys.ADMIN)) {
      for (String path :
          List.of(
              "/api/payments",
              "/api/payments/o/refunds",
              "/api/migrations",
              "/api/migrations/m/pause",
              "/api/reconciliations",
              "/codec/decode",
              "/notify/legacy",
              "/dev/webhooks")) {
        CASES.incrementAndGet();
        RawExchange exchange =
            RawExchange.chunked(
                port(),
                "POST",
                path,
                key,
                "multipart/form-data; boundary=x",
                PAST_THE_LIMIT,
                start);
        assertThat(exchange.status).as("%s with %s: %s", path, key, exchange).isBetween(400, 499);
        assertThat(exchange.readAtMostTheLimitMore)
            .as("%s with %s: %s", path, key, exchange)
            .isTrue();
      }
    }
  }

  /**
   * Every method, content type and transfer encoding, with and without a key: answered (refused)
   * having been sent no more than just past the limit, and the connection closed without reading
   * on.
   */
  @Test
  void noMethodContentTypeOrEncodingMakesTheServerReadPastTheLimit() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
      for (String contentType :
          List.of(
              "application/json",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=x",
              "text/plain")) {
        for (String key : Arrays.asList(null, DevKeys.ADMIN)) {
          for (boolean chunked : List.of(true, false)) {
            for (String path :
                List.of(
                    "/api/payments",
                    "/api/migrations/m/pause",
                    "/notify/legacy",
                    "/api/payments/o")) {
              CASES.incrementAndGet();
              String start = contentType.equals("application/json") ? "{\"a\":\"" : "a=";
              RawExchange exchange =
                  chunked
                      ? RawExchange.chunked(
                          port(), method, path, key, contentType, PAST_THE_LIMIT, start)
                      : RawExchange.declared(
                          port(), method, path, key, contentType, 4_000_000, PAST_THE_LIMIT, start);
              if (exchange.status < 400
                  || exchange.status >= 500
                  || !exchange.readAtMostTheLimitMore) {
                failures.add(
                    method
                        + " "
                        + path
                        + " "
                        + contentType
                        + (chunked ? " chunked" : " declared")
                        + " key "
                        + (key != null)
                        + " → "
                        + exchange);
              }
            }
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  // ---- client addresses

  @Test
  void aClientIpThatIsNotExactlyAnAddressIsRefusedAndNamed() throws Exception {
    List<String> forms =
        List.of(
            "192.0.2.66:443",
            ":::::",
            "::::",
            "fe80::1%eth0",
            "fe80::1%25eth0",
            "[::1]",
            "[2001:db8::1]:443",
            "192.0.2.066",
            "0300.0.2.66",
            "0xc0.0.2.66",
            "192.0.2",
            "3221226050",
            "cafe",
            "localhost",
            "0.0.0.0",
            "::",
            " 192.0.2.66",
            "192.0.2.66/32",
            "1:2:3:4:5:6:7:8:9",
            "::ffff:192.0.2");
    for (String ip : forms) {
      CASES.incrementAndGet();
      String orderId = "ip-" + System.nanoTime();
      HttpResponse<String> response = createPayment(orderId, 100, ip);
      assertThat(response.statusCode()).as(ip).isEqualTo(400);
      assertThat(response.body()).as(ip).contains("clientIp");
      assertThat(workflowExists(orderId)).as(ip).isFalse();
    }
  }

  @Test
  void everySpellingOfABlockedAddressIsBlocked() throws Exception {
    for (String ip :
        List.of("192.0.2.66", "::ffff:192.0.2.66", "::FFFF:C000:0242", "0:0:0:0:0:ffff:c000:242")) {
      CASES.incrementAndGet();
      HttpResponse<String> response = createPayment("blk-" + System.nanoTime(), 100, ip);
      assertThat(response.statusCode()).as(ip).isEqualTo(422);
      assertThat(response.body()).as(ip).contains("BLOCKED_IP");
    }
  }

  // ---- dates

  @Test
  void extremeDatesAreRefusedWith4xxAndStartNothing() throws Exception {
    List<String> days =
        List.of(
            "-200000-01-01",
            "+10000-01-01",
            "+999999999-12-31",
            "-999999999-01-01",
            "0000-01-01",
            "1999-12-31",
            "2101-01-01",
            "9999-12-31",
            "10000-01-01");
    long runsBefore = db.queryForObject("select count(*) from reconciliation_runs", Long.class);
    for (String day : days) {
      CASES.addAndGet(5);
      assertThat(
              send("GET", "/api/channels/costs?from=" + query(day), DevKeys.OPS, null).statusCode())
          .as(day)
          .isEqualTo(400);
      assertThat(
              send("GET", "/api/channels/costs?to=" + query(day), DevKeys.OPS, null).statusCode())
          .as(day)
          .isEqualTo(400);
      assertThat(
              send("GET", "/api/channels/costs?from=2026-01-01&to=" + query(day), DevKeys.OPS, null)
                  .statusCode())
          .as(day)
          .isEqualTo(400);
      assertThat(
              send(
                      "GET",
                      "/api/reconciliations?channel=legacy&date=" + query(day),
                      DevKeys.OPS,
                      null)
                  .statusCode())
          .as(day)
          .isEqualTo(400);
      HttpResponse<String> start =
          send(
              "POST",
              "/api/reconciliations",
              DevKeys.ENGINEER,
              "{\"channel\":\"legacy\",\"date\":\"" + day + "\"}");
      assertThat(start.statusCode()).as(day).isEqualTo(400);
    }
    CASES.addAndGet(2);
    assertThat(
            send("GET", "/api/channels/costs?from=2026-02-01&to=2026-01-01", DevKeys.OPS, null)
                .statusCode())
        .as("from after to")
        .isEqualTo(400);
    assertThat(
            send("GET", "/api/channels/costs?from=2000-01-01&to=2100-12-31", DevKeys.OPS, null)
                .statusCode())
        .as("a century at once")
        .isEqualTo(400);
    assertThat(db.queryForObject("select count(*) from reconciliation_runs", Long.class))
        .isEqualTo(runsBefore);
  }

  // ---- ids that could never be read back

  @Test
  void dotSegmentIdsAreRefusedAtCreate() throws Exception {
    for (String id : List.of("..", ".")) {
      CASES.addAndGet(2);
      HttpResponse<String> create = createPayment(id, 100, "203.0.113.12");
      assertThat(create.statusCode()).as(id).isEqualTo(400);
      assertThat(create.body()).contains("orderId");
      assertThat(workflowExists(id)).as(id).isFalse();
    }
    String orderId = "dots-" + System.nanoTime();
    assertThat(createPayment(orderId, 100, "203.0.113.12").statusCode()).isEqualTo(201);
    CASES.incrementAndGet();
    HttpResponse<String> refund =
        send(
            "POST",
            "/api/payments/" + orderId + "/refunds",
            DevKeys.PLATFORM,
            "{\"refundId\":\"..\",\"amountMinor\":1}");
    assertThat(refund.statusCode()).isEqualTo(400);
    assertThat(refund.body()).contains("refundId");
  }

  // ---- payments that have ended

  @Test
  void aRefundOrCloseOfARejectedPaymentIsAConflict() throws Exception {
    String orderId = "rej-" + System.nanoTime();
    HttpResponse<String> create = createPayment(orderId, 100, "192.0.2.66");
    assertThat(create.statusCode()).isEqualTo(422);
    CASES.addAndGet(3);
    HttpResponse<String> refund =
        send(
            "POST",
            "/api/payments/" + orderId + "/refunds",
            DevKeys.PLATFORM,
            "{\"refundId\":\"r-1\",\"amountMinor\":100}");
    assertThat(refund.statusCode()).as(refund.body()).isEqualTo(409);
    assertThat(refund.body()).contains("REJECTED");
    HttpResponse<String> close =
        send("POST", "/api/payments/" + orderId + "/close", DevKeys.PLATFORM, "{}");
    assertThat(close.statusCode()).as(close.body()).isEqualTo(409);
    assertThat(close.body()).contains("REJECTED");
    HttpResponse<String> unknown =
        send(
            "POST",
            "/api/payments/never-" + orderId + "/refunds",
            DevKeys.PLATFORM,
            "{\"refundId\":\"r-1\",\"amountMinor\":100}");
    assertThat(unknown.statusCode()).as("an order never seen").isEqualTo(404);
  }

  @Test
  void anOrderIdWhosePaymentHasEndedIsAConflict() throws Exception {
    String orderId = "ended-" + System.nanoTime();
    assertThat(createPayment(orderId, 100, "192.0.2.66").statusCode())
        .isEqualTo(422); // rejected: ended at once
    for (String ip : List.of("192.0.2.66", "203.0.113.13")) {
      CASES.incrementAndGet();
      HttpResponse<String> again = createPayment(orderId, 100, ip);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
      assertThat(again.body()).contains("ended");
    }
  }

  // ---- masking

  @Test
  void aCardNumberFollowedByAnotherNumberIsMaskedInWhatTheApiShows() throws Exception {
    String orderId = "mask-" + System.nanoTime();
    assertThat(createPayment(orderId, 100, "203.0.113.14").statusCode()).isEqualTo(201);
    CASES.incrementAndGet();
    HttpResponse<String> close =
        send(
            "POST",
            "/api/payments/" + orderId + "/close",
            DevKeys.PLATFORM,
            "{\"reason\":\"user pasted 4111111111111111 5 in chat\"}");
    assertThat(close.statusCode()).as(close.body()).isEqualTo(200);
    assertThat(close.body()).doesNotContain("4111111111111111").contains("************1111 5");
  }

  // ---- JSON that two readers could read differently

  @Test
  void jsonWithTrailingContentOrDuplicateKeysIsRefused() throws Exception {
    String payment =
        "{\"orderId\":\"%s\",\"userId\":\"u\",\"amountMinor\":100,\"currency\":\"CNY\","
            + "\"productType\":\"topup\"}";
    List<String> bodies =
        List.of(
            payment.formatted("tj-1") + "{}",
            payment.formatted("tj-2") + "x",
            payment.formatted("tj-3") + " " + payment.formatted("tj-3b"),
            payment.formatted("tj-4") + "]",
            "{\"orderId\":\"tj-5\",\"orderId\":\"tj-5b\",\"userId\":\"u\",\"amountMinor\":100,\"currency\":\"CNY\","
                + "\"productType\":\"topup\"}",
            "{\"orderId\":\"tj-6\",\"userId\":\"u\",\"amountMinor\":100,\"amountMinor\":99999,\"currency\":\"CNY\","
                + "\"productType\":\"topup\"}");
    for (String body : bodies) {
      CASES.incrementAndGet();
      assertThat(send("POST", "/api/payments", DevKeys.PLATFORM, body).statusCode())
          .as(body)
          .isEqualTo(400);
    }
    for (String id : List.of("tj-1", "tj-2", "tj-3", "tj-3b", "tj-4", "tj-5", "tj-5b", "tj-6")) {
      assertThat(workflowExists(id)).as(id).isFalse();
    }
    Map<String, String> others = new LinkedHashMap<>();
    others.put(
        "/api/payments/o/refunds", "{\"refundId\":\"r\",\"refundId\":\"s\",\"amountMinor\":1}");
    others.put("/api/payments/o/close", "{\"reason\":\"a\"} {\"reason\":\"b\"}");
    others.put("/api/migrations", "{\"migrationId\":\"m\",\"migrationId\":\"n\"}");
    others.put("/api/migrations/none/pause", "{\"reason\":\"a\",\"reason\":\"b\"}");
    others.put(
        "/api/reconciliations",
        "{\"channel\":\"legacy\",\"date\":\"2026-01-01\",\"date\":\"2026-01-02\"}");
    others.put("/api/reconciliations/discrepancies/1/resolve", "{\"resolution\":\"a\"}x");
    for (Map.Entry<String, String> e : others.entrySet()) {
      CASES.incrementAndGet();
      assertThat(send("POST", e.getKey(), DevKeys.ADMIN, e.getValue()).statusCode())
          .as(e.getKey())
          .isEqualTo(400);
    }
    CASES.incrementAndGet();
    assertThat(send("POST", "/api/migrations", DevKeys.ADMIN, "{}x").statusCode()).isEqualTo(400);
  }

  // ---- helpers

  private HttpResponse<String> createPayment(String orderId, long amount, String clientIp)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orderId", orderId);
    body.put("userId", "u-access");
    body.put("amountMinor", amount);
    body.put("currency", "CNY");
    body.put("productType", "topup");
    body.put("subject", "access test");
    body.put("clientIp", clientIp);
    return send("POST", "/api/payments", DevKeys.PLATFORM, JSON.writeValueAsString(body));
  }

  private HttpResponse<String> send(String method, String path, String key, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String detail(HttpResponse<String> response) {
    try {
      JsonNode body = JSON.readTree(response.body());
      return body.path("detail").asText("");
    } catch (Exception e) {
      return "";
    }
  }

  private int port() {
    return URI.create(stack.apiBaseUrl()).getPort();
  }

  private Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        List.of(
            "payments",
            "refunds",
            "ledger_entries",
            "migrations",
            "routing_tables",
            "reconciliation_runs",
            "discrepancies")) {
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

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "…";
  }

  /**
   * One request over a raw socket that sends its headers and at most {@code prefix} bytes of its
   * body, then stops and waits for the answer: an answer that comes proves the server decided
   * having been sent no more than that. Then it sends on, a little more than {@link #DISCARD_CAP}
   * at most, and requires the server to have closed the connection by then: the server may discard
   * that much of a refused body after its answer (so that the client gets to read the answer),
   * never more. A declared body whose rest is within it may be discarded whole instead.
   */
  static final class RawExchange {

    private static final int PIECE = 4096;

    int status = -1;
    long sent;
    long sentAfterAnswer;
    boolean readAtMostTheLimitMore;
    private String head = "";

    static RawExchange declared(
        int port,
        String method,
        String path,
        String key,
        String contentType,
        long length,
        long prefix,
        String start)
        throws Exception {
      return run(
          port,
          method,
          path,
          key,
          contentType,
          "Content-Length: " + length + "\r\n",
          length,
          prefix,
          false,
          start);
    }

    static RawExchange chunked(
        int port,
        String method,
        String path,
        String key,
        String contentType,
        long prefix,
        String start)
        throws Exception {
      return run(
          port,
          method,
          path,
          key,
          contentType,
          "Transfer-Encoding: chunked\r\n",
          Long.MAX_VALUE,
          prefix,
          true,
          start);
    }

    /** {@code start} opens the body (a JSON string's start, say); the rest is filler. */
    private static RawExchange run(
        int port,
        String method,
        String path,
        String key,
        String contentType,
        String lengthHeader,
        long length,
        long prefix,
        boolean chunked,
        String start)
        throws Exception {
      RawExchange exchange = new RawExchange();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        ByteArrayOutputStream read =
            new ByteArrayOutputStream(); // synchronized: read here while the reader writes
        CompletableFuture.runAsync(
            () -> {
              try {
                int b;
                while ((b = in.read()) >= 0) {
                  read.write(b);
                  answered.complete(null);
                }
                closed.complete(null);
              } catch (java.net.SocketTimeoutException e) {
                closed.completeExceptionally(e); // still open
              } catch (IOException e) {
                closed.complete(null); // a reset: closed all the same
              }
              answered.complete(null);
            });
        String request =
            method
                + " "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                + "Content-Type: "
                + contentType
                + "\r\n"
                + lengthHeader
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        byte[] piece = new byte[PIECE];
        Arrays.fill(piece, (byte) 'b');
        byte[] first = piece.clone();
        System.arraycopy(start.getBytes(StandardCharsets.US_ASCII), 0, first, 0, start.length());
        try {
          exchange.sent = send(out, chunked, first, piece, 0, Math.min(prefix, length), answered);
          answered.get(10, TimeUnit.SECONDS); // nothing more is sent until the answer has come
          long more = Math.min(length - exchange.sent, DISCARD_CAP + 2L * PIECE);
          exchange.sentAfterAnswer = send(out, chunked, first, piece, exchange.sent, more, closed);
        } catch (IOException e) {
          // the server closed the connection: it reads no more
        } catch (java.util.concurrent.TimeoutException e) {
          // no answer: the server waits for the body it was not sent
        }
        boolean allDeclaredSent =
            !chunked
                && exchange.sent + exchange.sentAfterAnswer >= length
                && length - exchange.sent <= DISCARD_CAP;
        try {
          closed.get(10, TimeUnit.SECONDS);
          exchange.readAtMostTheLimitMore = true;
        } catch (Exception e) {
          exchange.readAtMostTheLimitMore =
              allDeclaredSent; // kept open after discarding a rest within the limit
        }
        exchange.head = read.toString(StandardCharsets.ISO_8859_1);
        if (exchange.head.startsWith("HTTP/1.1 ")) {
          exchange.status = Integer.parseInt(exchange.head.substring(9, 12));
        }
      }
      return exchange;
    }

    /**
     * Sends up to {@code count} bytes of body in pieces, stopping early once {@code until} is done.
     */
    private static long send(
        OutputStream out,
        boolean chunked,
        byte[] first,
        byte[] piece,
        long offset,
        long count,
        CompletableFuture<Void> until)
        throws IOException {
      long sent = 0;
      while (sent < count && !until.isDone()) {
        int n = (int) Math.min(PIECE, count - sent);
        if (chunked) {
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(offset + sent == 0 ? first : piece, 0, n);
        if (chunked) {
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        sent += n;
      }
      return sent;
    }

    @Override
    public String toString() {
      return "status "
          + status
          + ", body bytes sent before the answer "
          + sent
          + ", after "
          + sentAfterAnswer
          + ", read at most the limit more "
          + readAtMostTheLimitMore
          + ": "
          + abbreviate(head.replace("\r\n", " | "));
    }
  }
}
