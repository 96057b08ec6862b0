package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What ops scrape: the starter's {@code /actuator/prometheus} (ops key) and the worker's own
 * endpoint, after a payment paid, fulfilled, and a forged callback refused, on the embedded stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsEndToEndTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedStack stack;

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    DemoClient api = new DemoClient(stack);
    assertThat(api.createPayment("m-1", "user-m", 1200).status()).isEqualTo(201);
    api.pay("m-1", Map.of());
    assertThat(api.awaitStatus("m-1", Set.of("FULFILLED"), Duration.ofSeconds(30)).text("status"))
        .isEqualTo("FULFILLED");
    assertThat(api.forgedCallback("m-1", 1200).status()).isEqualTo(401);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void theStarterCountsPaymentsStartedAndCallbacks_forOpsOnly() throws Exception {
    String url = stack.apiBaseUrl() + "/actuator/prometheus";
    assertThat(get(url, null).statusCode()).isEqualTo(401);
    assertThat(get(url, DevKeys.PLATFORM).statusCode()).isEqualTo(403);

    String scrape = get(url, DevKeys.OPS).body();

    assertThat(
            value(
                scrape,
                "channelshift_payments_started_total",
                "channel=\"legacy\"",
                "outcome=\"AWAITING_PAYMENT\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(
                scrape,
                "channelshift_callbacks_total",
                "channel=\"legacy\"",
                "outcome=\"delivered\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(
                scrape,
                "channelshift_callbacks_total",
                "channel=\"legacy\"",
                "outcome=\"not_verified\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(value(scrape, "http_server_requests_seconds_count", "uri=\"/api/payments\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void theWorkerTimesProviderCalls_countsWebhooksAndStates_andReportsTheTemporalSdk()
      throws Exception {
    String url = stack.workerMetricsUrl();
    // the Temporal SDK's metrics reach the registry every 10 s
    String scrape = awaitScrape(url, "temporal_", "channelshift_payment_status_changes_total");

    assertThat(
            value(
                scrape,
                "channelshift_provider_requests_seconds_count",
                "channel=\"legacy\"",
                "operation=\"create\"",
                "outcome=\"PROCESSED\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(
                scrape,
                "channelshift_webhook_deliveries_total",
                "outcome=\"acknowledged\"",
                "type=\"payment.paid\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(
                scrape,
                "channelshift_payment_status_changes_total",
                "channel=\"legacy\"",
                "status=\"FULFILLED\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(
                scrape,
                "temporal_workflow_task_execution_latency_seconds_count",
                "workflow_type=\"PaymentWorkflow\""))
        .isGreaterThanOrEqualTo(1);
  }

  private HttpResponse<String> get(String url, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String awaitScrape(String url, String... names) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String scrape = get(url, null).body();
    while (!List.of(names).stream().allMatch(scrape::contains) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      scrape = get(url, null).body();
    }
    return scrape;
  }

  /** The sum of the samples of {@code metric} whose labels include every one given. */
  private static double value(String scrape, String metric, String... labels) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(metric + "{") && List.of(labels).stream().allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
