package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.payment.PaymentTiming;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.InvariantChecks;
import io.channelshift.store.RoutingStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A channel drained and retired with payments on it, through the REST API of an ephemeral stack
 * with two sandbox channels over HTTP: {@code legacy} takes all traffic with {@code nova} as its
 * backup. After the drain new payments go to {@code nova}; the payment in flight on {@code legacy}
 * still settles by its callback, a paid one still refunds there, a retire is refused while they are
 * open and succeeds once their (short) after-sales windows have closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChannelLifecycleEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration AFTER_SALES = Duration.ofSeconds(6);
  private static final PaymentTiming TIMING =
      new PaymentTiming(
          Duration.ofSeconds(30),
          List.of(Duration.ofSeconds(10)),
          AFTER_SALES,
          Duration.ofSeconds(30));
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddedStack stack;
  private DemoClient api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(TIMING));
    api = new DemoClient(stack);
    new RoutingStore(stack.dataSource())
        .write(
            RoutingTable.ALL,
            Map.of(EmbeddedStack.LEGACY, RoutingTable.FULL),
            null,
            List.of(EmbeddedStack.NOVA),
            "test",
            "nova backs legacy up");
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  @Order(1)
  void hostileChangesAreRefused_nothingChanges() throws Exception {
    assertThat(change("ghost", "drain", "{\"reason\":\"r\"}", DevKeys.ENGINEER).statusCode())
        .isEqualTo(404);
    assertThat(change("legacy", "drain", "{\"reason\":\"  \"}", DevKeys.ENGINEER).statusCode())
        .isEqualTo(400);
    assertThat(
            change("legacy", "drain", "{\"reason\":\"" + "x".repeat(300) + "\"}", DevKeys.ENGINEER)
                .statusCode())
        .isEqualTo(400);
    assertThat(change("legacy", "drain", "{\"reason\":\"r\"}", DevKeys.OPS).statusCode())
        .isEqualTo(403);
    assertThat(change("legacy", "drain", "{\"reason\":\"r\"}", DevKeys.PLATFORM).statusCode())
        .isEqualTo(403);
    assertThat(change("legacy", "activate", "{\"reason\":\"r\"}", DevKeys.ENGINEER).statusCode())
        .isEqualTo(409);

    assertThat(lifecycle("legacy").path("history")).isEmpty();
  }

  @Test
  @Order(2)
  void twentyConcurrentDrainsAndActivates_endInOneConsistentHistory() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        String action = i % 2 == 0 ? "drain" : "activate";
        answers.add(
            pool.submit(
                () ->
                    change(
                            "legacy",
                            action,
                            "{\"reason\":\"race " + action + "\"}",
                            DevKeys.ENGINEER)
                        .statusCode()));
      }
      int changed = 0;
      for (Future<Integer> f : answers) {
        int status = f.get();
        assertThat(status).isIn(200, 409);
        changed += status == 200 ? 1 : 0;
      }
      JsonNode lifecycle = lifecycle("legacy");
      JsonNode history = lifecycle.path("history");
      assertThat(history).hasSize(changed);
      for (int i = 0; i + 1 < history.size(); i++) {
        assertThat(history.get(i).path("from").asText())
            .isEqualTo(history.get(i + 1).path("to").asText());
      }
      assertThat(lifecycle.path("status").path("state").asText())
          .isEqualTo(history.get(0).path("to").asText());
    } finally {
      pool.shutdownNow();
      activeAgain("legacy");
    }
  }

  /** Activates the channel if needed, and gives the starter's cache the time to hear of it. */
  private void activeAgain(String channel) throws Exception {
    if (!state(channel).equals("ACTIVE")) {
      assertThat(
              change(channel, "activate", "{\"reason\":\"back\"}", DevKeys.ENGINEER).statusCode())
          .isEqualTo(200);
    }
    Thread.sleep(1500);
  }

  @Test
  @Order(3)
  void drainingServesWhatTheChannelHolds_andRetireWaitsForIt() throws Exception {
    activeAgain("legacy");
    String paid = "lc-paid-" + UUID.randomUUID();
    assertThat(api.createPayment(paid, "u-" + paid, 5000).status()).isEqualTo(201);
    api.pay(paid, Map.of());
    assertThat(api.awaitStatus(paid, Set.of("FULFILLED"), WAIT).text("status"))
        .isEqualTo("FULFILLED");
    String inFlight = "lc-flight-" + UUID.randomUUID();
    assertThat(api.createPayment(inFlight, "u-" + inFlight, 3000).status()).isEqualTo(201);
    assertThat(api.payment(inFlight).text("channel")).isEqualTo("legacy");

    HttpResponse<String> drained =
        change("legacy", "drain", "{\"reason\":\"frozen by risk control\"}", DevKeys.ENGINEER);
    assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
    assertThat(JSON.readTree(drained.body()).path("state").asText()).isEqualTo("DRAINING");

    // no migration ramps onto a channel that takes no new payments
    DemoClient.Reply ontoDrained =
        api.startMigration(
            """
            {"migrationId":"lc-onto-drained","fromChannel":"nova","toChannel":"legacy",
             "scope":"all","steps":[{"weightBps":10000,"minDuration":"PT1S","minSamples":1}],
             "evaluationInterval":"PT1S","bakePeriod":"PT1S"}""",
            "alice");
    assertThat(ontoDrained.status()).as(ontoDrained.body().toString()).isEqualTo(409);
    assertThat(ontoDrained.body().path("title").asText())
        .isEqualTo("Channel takes no new payments");

    // new payments go to the backup, with no payment refused
    List<String> after = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String order = "lc-new-" + UUID.randomUUID();
      assertThat(awaitCreated(order)).isEqualTo(201);
      after.add(order);
    }
    for (String order : after) {
      assertThat(api.payment(order).text("channel")).isEqualTo("nova");
    }
    api.payOn("nova", after.get(0), Map.of());
    assertThat(api.awaitStatus(after.get(0), Set.of("FULFILLED"), WAIT).text("status"))
        .isEqualTo("FULFILLED");

    for (String unpaid : after.subList(1, after.size())) {
      assertThat(api.close(unpaid, "the user left").status()).isEqualTo(200);
    }

    // the payment in flight on legacy is settled by legacy's callback
    api.pay(inFlight, Map.of());
    assertThat(api.awaitStatus(inFlight, Set.of("FULFILLED"), WAIT).text("status"))
        .isEqualTo("FULFILLED");
    assertThat(api.payment(inFlight).text("channel")).isEqualTo("legacy");

    // a refund on the paid legacy payment succeeds at legacy
    assertThat(api.refund(paid, "r-" + UUID.randomUUID().toString().substring(0, 8), 2000).status())
        .isEqualTo(202);
    assertThat(api.awaitStatus(paid, Set.of("PARTIALLY_REFUNDED"), WAIT).text("status"))
        .isEqualTo("PARTIALLY_REFUNDED");
    assertThat(api.providerOrder(paid).body().path("refundedAmountMinor").asLong()).isEqualTo(2000);

    // retire is refused while they are open, naming them
    HttpResponse<String> refused =
        change("legacy", "retire", "{\"reason\":\"contract ended\"}", DevKeys.ENGINEER);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .contains("application/problem+json");
    assertThat(JSON.readTree(refused.body()).path("detail").asText())
        .contains("still holds")
        .containsAnyOf(paid, inFlight)
        .contains("after-sales window");

    JsonNode overview = channels();
    JsonNode legacy = byChannel(overview, "legacy");
    assertThat(legacy.path("status").path("state").asText()).isEqualTo("DRAINING");
    assertThat(legacy.path("takesNewPayments").asBoolean()).isFalse();
    assertThat(legacy.path("traffic").get(0).path("weightBps").asInt()).isEqualTo(10_000);
    assertThat(legacy.path("open").path("inAfterSales").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(legacy.has("health")).isTrue();
    assertThat(byChannel(overview, "nova").path("traffic").get(0).path("backupPosition").asInt())
        .isEqualTo(1);

    // once their after-sales windows have closed, it retires
    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> retired;
    do {
      Thread.sleep(1000);
      retired = change("legacy", "retire", "{\"reason\":\"contract ended\"}", DevKeys.ENGINEER);
    } while (retired.statusCode() == 409 && System.nanoTime() < deadline);
    assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
    assertThat(state("legacy")).isEqualTo("RETIRED");
    assertThat(lifecycle("legacy").path("history").get(0).path("changedBy").asText())
        .contains("key");
    // nova now carries everything alone: draining it would strand the scope
    assertThat(change("nova", "drain", "{\"reason\":\"r\"}", DevKeys.ENGINEER).statusCode())
        .isEqualTo(409);
    assertThat(new InvariantChecks(stack.dataSource()).violations())
        .allSatisfy((name, count) -> assertThat(count).as(name).isZero());
  }

  /** A new payment's answer; a 503 while the starter's cache catches up is asked again. */
  private int awaitCreated(String order) {
    int status = api.createPayment(order, "u-" + order, 1000).status();
    return status;
  }

  private String state(String channel) throws Exception {
    return lifecycle(channel).path("status").path("state").asText();
  }

  private JsonNode lifecycle(String channel) throws Exception {
    return JSON.readTree(get("/api/channels/" + channel + "/lifecycle").body());
  }

  private JsonNode channels() throws Exception {
    HttpResponse<String> r = get("/api/channels");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static JsonNode byChannel(JsonNode all, String channel) {
    for (JsonNode c : all) {
      if (c.path("channel").asText().equals(channel)) {
        return c;
      }
    }
    throw new AssertionError("no channel " + channel + " in " + all);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
            .header("Authorization", "Bearer " + DevKeys.OPS)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> change(String channel, String action, String body, String key)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(stack.apiBaseUrl() + "/api/channels/" + channel + "/" + action))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
