package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Migrations over the REST API on the whole embedded stack: refused plans, one per scope, refusals,
 * rollback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationEndToEndTest {

  private EmbeddedStack stack;
  private DemoClient api;

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    api = new DemoClient(stack);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void aBadPlanIsRefusedNamingEveryProblemAndNothingStarts() {
    DemoClient.Reply r =
        api.startMigration(
            """
        {"migrationId":"bad","fromChannel":"legacy","toChannel":"legacy","scope":"nowhere",
         "steps":[{"weightBps":500,"minDuration":"PT1M"},{"weightBps":400,"minDuration":"PT1M"}],
         "evaluationInterval":"PT10S","failureLimit":-1,"bakePeriod":"PT1H"}""",
            "alice");

    assertThat(r.status()).isEqualTo(422);
    List<String> fields = new ArrayList<>();
    r.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).contains("toChannel", "scope", "steps[1].weightBps", "failureLimit");
    assertThat(api.migration("bad").status()).isEqualTo(404);

    DemoClient.Reply unknownChannel =
        api.startMigration(plan("bad2", "legacy", "ghost", "topup"), "alice");
    assertThat(unknownChannel.status()).isEqualTo(422);
    assertThat(unknownChannel.body().toString()).contains("no configured, enabled channel ghost");
    assertThat(api.startMigration("{\"steps\": \"PT\"", "alice").status()).isEqualTo(400);
  }

  @Test
  void oneMigrationPerScope_refusedRequestsSayWhy_andARollbackRoutesNewPaymentsBack() {
    DemoClient.Reply started =
        api.startMigration(plan("m-topup", "legacy", "nova", "topup"), "alice");
    assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
    assertThat(
            api.startMigration(plan("m-topup-2", "legacy", "nova", "topup"), "bob")
                .body()
                .path("detail")
                .asText())
        .contains("m-topup is running on scope topup");
    awaitWeight("m-topup", 5000);
    assertThat(tableOf("topup").path("weightsBps").path("nova").asInt()).isEqualTo(5000);

    DemoClient.Reply refused = api.migrationAction("m-topup", "resume", null, "carol");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("detail").asText()).isEqualTo("not paused (phase RAMPING)");
    assertThat(api.migrationAction("m-topup", "rollback", null, "carol").status()).isEqualTo(409);

    DemoClient.Reply rolledBack = api.migrationAction("m-topup", "rollback", "drill", "carol");

    assertThat(rolledBack.status()).isEqualTo(200);
    assertThat(rolledBack.body().path("phase").asText()).isEqualTo("ROLLED_BACK");
    assertThat(rolledBack.body().path("rollbackReason").asText())
        .isEqualTo("by carol (key dev-engineer): drill");
    DemoClient.Reply afterEnd = api.migrationAction("m-topup", "promote", null, "carol");
    assertThat(afterEnd.status()).isEqualTo(409);
    assertThat(afterEnd.body().path("detail").asText())
        .isEqualTo("the migration has ended: ROLLED_BACK");
    assertThat(tableOf("topup").path("weightsBps")).hasSize(1);
    assertThat(tableOf("topup").path("weightsBps").path("legacy").asInt()).isEqualTo(10_000);
    for (int i = 0; i < 20; i++) { // every new payment of the scope goes to the old channel now
      DemoClient.Reply p =
          api.createPaymentOfType("after-rollback-" + i, "user-" + i, 1000, "topup");
      assertThat(p.text("channel")).isEqualTo("legacy");
    }
    assertThat(api.startMigration(plan("m-topup-2", "legacy", "nova", "topup"), "bob").status())
        .isEqualTo(201);
  }

  private JsonNode tableOf(String scope) {
    for (JsonNode t : api.routes().body().path("tables")) {
      if (t.path("scope").asText().equals(scope)) {
        return t;
      }
    }
    throw new AssertionError("no table for " + scope + ": " + api.routes().body());
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

  /** Two steps, the first at 50% waiting for approval so that the migration holds there. */
  private static String plan(String id, String from, String to, String scope) {
    return """
        {"migrationId":"%s","fromChannel":"%s","toChannel":"%s","scope":"%s",
         "steps":[{"weightBps":5000,"minDuration":"PT1S","minSamples":0,"requireApproval":true},
                  {"weightBps":10000,"minDuration":"PT1S","minSamples":0}],
         "evaluationInterval":"PT1S","failureLimit":3,"bakePeriod":"PT1H"}"""
        .formatted(id, from, to, scope);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
