package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The ops metrics on the whole embedded stack: a payment, a migration held at 50% while payments
 * flow, its rollback, and an engineer's failover. The migration's series carry its status's values
 * and go when it ends, and every metric the alert rules and the dashboard name is exported by the
 * worker or the starter.
 */
class OpsMetricsEndToEndTest {

  private static final String MIGRATION = "ops-m";
  private static final String OF_MIGRATION = "migration_id=\"" + MIGRATION + "\"";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aMigrationsGaugesFollowItsStatusAndGoWhenItEnds_andEveryAlertedMetricIsExported()
      throws Exception {
    try (EmbeddedStack stack =
        EmbeddedStack.start(
            StackOptions.ephemeral(DemoScenarios.TIMING)
                .withProperties(
                    Map.of(
                        "channelshift.metrics.collect-interval", "PT0.5S",
                        "channelshift.health.interval", "PT1S")))) {
      DemoClient api = new DemoClient(stack);
      Set<String> exported = new TreeSet<>();

      assertThat(api.createPayment("ops-1", "user-ops", 1200).status()).isEqualTo(201);
      api.pay("ops-1", Map.of());
      assertThat(
              api.awaitStatus("ops-1", Set.of("FULFILLED"), Duration.ofSeconds(30)).text("status"))
          .isEqualTo("FULFILLED");

      DemoClient.Reply started = api.startMigration(plan(), "alice");
      assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
      awaitWeight(api, 5000);
      // payments of the scope on both channels, so that every gate has a value on each
      for (int i = 0; i < 12; i++) {
        String order = "ops-topup-" + i;
        DemoClient.Reply p = api.createPaymentOfType(order, "user-" + i, 1000 + i, "topup");
        assertThat(p.status()).as(p.body().toString()).isEqualTo(201);
        api.payOn(p.text("channel"), order, Map.of());
      }
      String running =
          awaitWorker(
              stack,
              s ->
                  has(s, "channelshift_migration_gate_value", OF_MIGRATION, "channel_role=\"new\"")
                      && has(
                          s,
                          "channelshift_migration_gate_value",
                          OF_MIGRATION,
                          "channel_role=\"old\""),
              "gate values of both channels");
      exported.addAll(OpsFiles.exported(running));

      JsonNode status = matchingStatus(stack, api);
      String scrape = workerScrape(stack);
      assertThat(value(scrape, "channelshift_migration_weight_ratio", OF_MIGRATION))
          .isEqualTo(status.path("weightBps").asInt() / 10_000.0)
          .isEqualTo(0.5);
      assertThat(value(scrape, "channelshift_migration_step", OF_MIGRATION))
          .isEqualTo(status.path("step").asInt());
      assertThat(value(scrape, "channelshift_migration_time_in_step_seconds", OF_MIGRATION))
          .isPositive();
      assertThat(lines(scrape, "channelshift_migration_weight_ratio", OF_MIGRATION))
          .singleElement()
          .asString()
          .contains("scope=\"topup\"");
      assertThat(scrape)
          .contains("channelshift_temporal_up 1", "channelshift_database_up 1")
          .contains("channelshift_channel_state{channel=\"nova\",state=\"ACTIVE\"} 1")
          .contains("channelshift_migrations_running 1");
      // no order id in any label
      assertThat(scrape).doesNotContain("ops-topup-").doesNotContain("ops-1\"");

      DemoClient.Reply rolledBack =
          api.migrationAction(MIGRATION, "rollback", "ops drill", "carol");
      assertThat(rolledBack.status()).as(rolledBack.body().toString()).isEqualTo(200);
      String ended =
          awaitWorker(
              stack,
              s -> !s.contains(OF_MIGRATION) && s.contains("channelshift_migrations_running 0"),
              "the migration's series gone");
      assertThat(value(ended, "channelshift_migration_rollbacks_total", "scope=\"topup\""))
          .isEqualTo(1);
      exported.addAll(OpsFiles.exported(ended));

      DemoClient.Reply failover = api.scopeAction("all", "failover", "ops drill", "nova", "alice");
      assertThat(failover.status()).as(failover.body().toString()).isEqualTo(200);
      String afterFailover =
          awaitWorker(
              stack,
              s ->
                  s.contains("channelshift_failovers_total{")
                      && has(s, "channelshift_scope_health_mode", "mode=\"FAILED_OVER\"", "} 1")
                      && s.contains("channelshift_channel_health{")
                      && s.contains("channelshift_payment_status_changes_total{"),
              "the failover counted, the scope failed over");
      exported.addAll(OpsFiles.exported(afterFailover));
      exported.addAll(OpsFiles.exported(starterScrape(stack)));

      Set<String> named = new TreeSet<>();
      for (String expr : OpsFiles.ruleExpressions()) {
        named.addAll(OpsFiles.metricNames(expr));
      }
      for (String expr : OpsFiles.dashboardExpressions()) {
        named.addAll(OpsFiles.metricNames(expr));
      }
      named.removeAll(OpsFiles.MADE_BY_PROMETHEUS);
      assertThat(named).hasSizeGreaterThan(20);
      assertThat(exported).as("exported by the worker or the starter").containsAll(named);
    }
  }

  /**
   * The status, read until the worker's gauges show the same phase and failures in a row (the
   * collector runs every half second; a status read between two collections may be ahead).
   */
  private JsonNode matchingStatus(EmbeddedStack stack, DemoClient api) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      JsonNode before = api.migration(MIGRATION).body();
      String scrape = workerScrape(stack);
      JsonNode after = api.migration(MIGRATION).body();
      String phase = before.path("phase").asText();
      List<String> hot =
          lines(scrape, "channelshift_migration_phase", OF_MIGRATION).stream()
              .filter(l -> l.endsWith(" 1.0") || l.endsWith(" 1"))
              .toList();
      boolean same =
          phase.equals(after.path("phase").asText())
              && hot.size() == 1
              && hot.get(0).contains("phase=\"" + phase + "\"")
              && value(scrape, "channelshift_migration_consecutive_failures", OF_MIGRATION)
                  == before.path("consecutiveFailures").asInt()
              && before.path("consecutiveFailures").equals(after.path("consecutiveFailures"));
      if (same) {
        assertThat(lines(scrape, "channelshift_migration_phase", OF_MIGRATION)).hasSize(7);
        return before;
      }
      assertThat(System.nanoTime())
          .as("phase one-hot %s matching the status %s", hot, before)
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static void awaitWeight(DemoClient api, int weight) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (api.migration(MIGRATION).body().path("weightBps").asInt() != weight) {
      assertThat(System.nanoTime())
          .as("%s reaching %d bps", MIGRATION, weight)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private String awaitWorker(EmbeddedStack stack, Predicate<String> done, String what)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    String scrape = workerScrape(stack);
    while (!done.test(scrape)) {
      assertThat(System.nanoTime()).as(what + " in\n" + scrape).isLessThan(deadline);
      Thread.sleep(250);
      scrape = workerScrape(stack);
    }
    return scrape;
  }

  private String workerScrape(EmbeddedStack stack) throws Exception {
    HttpResponse<String> r = get(stack.workerMetricsUrl(), null);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private String starterScrape(EmbeddedStack stack) throws Exception {
    HttpResponse<String> r = get(stack.apiBaseUrl() + "/actuator/prometheus", DevKeys.OPS);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private HttpResponse<String> get(String url, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean has(String scrape, String metric, String... parts) {
    return !lines(scrape, metric, parts).isEmpty();
  }

  private static List<String> lines(String scrape, String metric, String... parts) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
        .filter(l -> List.of(parts).stream().allMatch(l::contains))
        .toList();
  }

  private static double value(String scrape, String metric, String... parts) {
    List<String> found = lines(scrape, metric, parts);
    assertThat(found).as("%s %s", metric, List.of(parts)).hasSize(1);
    String line = found.get(0);
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** Two steps, the first at 50% held for an approval, so that the weight stays put. */
  private static String plan() {
    return """
        {"migrationId":"%s","fromChannel":"legacy","toChannel":"nova","scope":"topup",
         "steps":[{"weightBps":5000,"minDuration":"PT1S","minSamples":0,"requireApproval":true},
                  {"weightBps":10000,"minDuration":"PT1S","minSamples":0}],
         "evaluationInterval":"PT1S","failureLimit":3,"bakePeriod":"PT1H"}"""
        .formatted(MIGRATION);
  }
}
