package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.sandbox.FaultSettings;
import io.channelshift.store.RoutingStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failover per scope on the whole embedded stack, over the sandbox's outage fault: legacy goes down
 * under steady load and the scope's health workflow moves its traffic to nova within the evaluation
 * interval × the failure limit + 2 s, tells the platform by a signed webhook, and keeps migrations
 * off the scope until an engineer fails it back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeFailoverTest {

  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final int FAILURE_LIMIT = 3;

  /**
   * Callers that each wait for their answer: enough that a down channel's slow answers keep samples
   * coming.
   */
  private static final int LOAD_THREADS = 24;

  private EmbeddedStack stack;
  private DemoClient api;

  @BeforeAll
  void start() {
    stack =
        EmbeddedStack.start(
            StackOptions.ephemeral(DemoScenarios.TIMING)
                .withProperties(
                    Map.of(
                        "channelshift.health.interval", "PT1S",
                        "channelshift.health.window", "PT4S",
                        "channelshift.health.failure-limit", String.valueOf(FAILURE_LIMIT),
                        "channelshift.health.healthy-period", "PT1H",
                        "channelshift.health.gates.create-success-rate.limit", "0.9",
                        "channelshift.health.gates.create-success-rate.max-difference", "0.05",
                        "channelshift.health.gates.create-success-rate.min-samples", "5")));
    api = new DemoClient(stack);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void legacyDownUnderLoad_theScopeFailsOverToNova_thenAnEngineerFailsItBack() throws Exception {
    new RoutingStore(stack.dataSource())
        .write("all", Map.of("legacy", 10_000), null, List.of("nova"), "test", "nova as backup");
    awaitHealth(h -> h.path("backups").toString().contains("nova"), Duration.ofSeconds(20));

    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger started = new AtomicInteger();
    ExecutorService load = Executors.newFixedThreadPool(LOAD_THREADS);
    for (int t = 0; t < LOAD_THREADS; t++) {
      int thread = t;
      load.submit(
          () -> {
            for (int i = 0; loading.get(); i++) {
              api.createPayment("sf-" + thread + "-" + i, "user-" + thread + "-" + i, 1000);
              started.incrementAndGet();
            }
          });
    }
    try {
      Thread.sleep(2_000);
      stack
          .sandbox(EmbeddedStack.LEGACY)
          .setFaults(new FaultSettings(0, 0, 1, 0, 0, 0, 0, false, true));
      long outageAt = System.nanoTime();

      JsonNode failedOver =
          awaitHealth(h -> h.path("mode").asText().equals("FAILED_OVER"), Duration.ofSeconds(30));
      long ms = Duration.ofNanos(System.nanoTime() - outageAt).toMillis();
      System.out.println(
          "from outage to failover: " + ms + " ms; timeline " + failedOver.path("timeline"));

      assertThat(ms)
          .as("from outage to failover")
          .isLessThanOrEqualTo(INTERVAL.multipliedBy(FAILURE_LIMIT).plusSeconds(2).toMillis());
      assertThat(failedOver.path("failover").path("from").asText()).isEqualTo("legacy");
      assertThat(failedOver.path("failover").path("to").asText()).isEqualTo("nova");
      JsonNode legacyHealth = channel("legacy").path("health");
      assertThat(legacyHealth.toString())
          .as("GET /api/channels shows the scope's verdict on legacy")
          .contains("\"scope\":\"all\"", "\"verdict\":\"FAIL\"", "\"failedOverFrom\":true");
      JsonNode table = tableOfAll();
      assertThat(table.path("weightsBps").path("nova").asInt()).isEqualTo(9_900);
      assertThat(table.path("weightsBps").path("legacy").asInt()).isEqualTo(100);
      assertThat(api.awaitWebhook("channels/all/1/failover", Duration.ofSeconds(10)))
          .hasValueSatisfying(
              e -> {
                assertThat(e.path("type").asText()).isEqualTo("channel.failover");
                assertThat(e.path("reason").asText()).contains("createSuccessRate");
              });
    } finally {
      loading.set(false);
      load.shutdown();
      load.awaitTermination(30, TimeUnit.SECONDS);
      stack.sandbox(EmbeddedStack.LEGACY).setFaults(FaultSettings.NONE);
    }
    assertThat(started.get()).isPositive();
    assertThat(awaitFailoverMetric(Duration.ofSeconds(30)))
        .as("the workflow's counter on the worker's Prometheus endpoint")
        .contains("from=\"legacy\"", "reason=\"health\"", "to=\"nova\"");

    // a failed-over scope is the health workflow's: no migration starts on it
    DemoClient.Reply migration =
        api.startMigration(
            """
            {"migrationId":"sf-m","fromChannel":"nova","toChannel":"legacy","scope":"all",
             "steps":[{"weightBps":10000,"minDuration":"PT1S","minSamples":1}],
             "evaluationInterval":"PT1S","bakePeriod":"PT1S"}""",
            "alice");
    assertThat(migration.status()).isEqualTo(409);
    assertThat(migration.body().path("detail").asText()).contains("failed over", "fail back first");

    DemoClient.Reply refused = api.scopeAction("all", "failover", "again", null, "alice");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("detail").asText()).contains("already failed over");

    DemoClient.Reply back = api.scopeAction("all", "failback", "legacy is back", null, "alice");
    assertThat(back.status()).as(back.body().toString()).isEqualTo(200);
    assertThat(back.body().path("mode").asText()).isEqualTo("WATCHING");
    assertThat(tableOfAll().path("weightsBps").path("legacy").asInt()).isEqualTo(10_000);
    assertThat(back.body().path("timeline").toString()).contains("FAILBACK", "alice");
  }

  private JsonNode awaitHealth(java.util.function.Predicate<JsonNode> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    DemoClient.Reply last = api.scopeHealth("all");
    while (!(last.status() == 200 && done.test(last.body()))) {
      assertThat(System.nanoTime()).as("health of all: %s", last.body()).isLessThan(deadline);
      Thread.sleep(50);
      last = api.scopeHealth("all");
    }
    return last.body();
  }

  /** The failover counter's line, once the SDK has reported it (every 10 s). */
  private String awaitFailoverMetric(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String scrape =
          http.send(
                  HttpRequest.newBuilder(URI.create(stack.workerMetricsUrl())).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : scrape.split("\n")) {
        if (line.startsWith("channelshift_failovers_total{")) {
          return line;
        }
      }
      assertThat(System.nanoTime())
          .as("channelshift_failovers_total reported")
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private JsonNode channel(String name) {
    for (JsonNode c : api.channels().body()) {
      if (c.path("channel").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no channel " + name + ": " + api.channels().body());
  }

  private JsonNode tableOfAll() {
    for (JsonNode t : api.routes().body().path("tables")) {
      if (t.path("scope").asText().equals("all")) {
        return t;
      }
    }
    throw new AssertionError("no table for all: " + api.routes().body());
  }
}
