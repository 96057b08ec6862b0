package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the dashboard checked in under ops/: promtool accepts the rules, their unit
 * tests pass, every alert says what it means and where its runbook is, and the dashboard imports
 * with a Prometheus data source to choose. That every metric they name is exported is {@link
 * OpsMetricsEndToEndTest}'s.
 */
class AlertRulesTest {

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    Result r = promtool("check", "rules", OpsFiles.alertRules().toString());
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void theRulesUnitTestsPass() throws Exception {
    Path tests = OpsFiles.root().resolve("ops/prometheus/channelshift-alerts.test.yml");
    Result r = promtool("test", "rules", tests.toString());
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
  }

  @Test
  void theExampleScrapeConfigurationIsValid_andNamesTheJobsTheRulesRead() throws Exception {
    Path config = OpsFiles.root().resolve("ops/prometheus/prometheus.yml");
    Result r = promtool("check", "config", "--syntax-only", config.toString());
    assertThat(r.exit()).as(r.output()).isZero();
    String text = Files.readString(config);
    for (String expr : OpsFiles.ruleExpressions()) {
      Matcher job = Pattern.compile("job=\"([^\"]+)\"").matcher(expr);
      while (job.find()) {
        assertThat(text).as("scrape job of %s", expr).contains("job_name: " + job.group(1));
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertSaysWhatItMeans_howBad_andPointsAtARunbookThatExists() throws Exception {
    String operations = Files.readString(OpsFiles.root().resolve("docs/operations.md"));
    Set<String> anchors = anchors(operations);
    List<Map<String, Object>> rules = OpsFiles.rules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(10);
    Set<String> alerts = new HashSet<>();
    for (Map<String, Object> rule : rules) {
      String alert = (String) rule.get("alert");
      alerts.add(alert);
      Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
      assertThat(annotations).as(alert).containsKeys("summary", "description", "runbook_url");
      assertThat(((Map<String, String>) rule.get("labels")).get("severity"))
          .as(alert)
          .isIn("page", "warning", "info");
      String runbook = annotations.get("runbook_url");
      assertThat(runbook).as(alert).startsWith("docs/operations.md#");
      assertThat(anchors)
          .as(alert + " runbook")
          .contains(runbook.substring(runbook.indexOf('#') + 1));
      assertThat(operations).as("docs/operations.md lists " + alert).contains(alert);
    }
    // what the issue asks to be alerted on
    assertThat(alerts)
        .contains(
            "ChannelShiftPaymentsStuck",
            "ChannelShiftMigrationGateFailing",
            "ChannelShiftMigrationRolledBack",
            "ChannelShiftFailover",
            "ChannelShiftFulfilmentWebhooksGivenUp",
            "ChannelShiftReconciliationDiscrepanciesOpen",
            "ChannelShiftWorkerDown",
            "ChannelShiftTemporalUnreachable",
            "ChannelShiftDatabaseUnreachable");
  }

  @Test
  void theDashboardImportsWithAPrometheusToChoose_andHasARowPerSubject() throws Exception {
    JsonNode d = OpsFiles.dashboardJson();
    assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(d.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(d.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
    List<String> rows = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode p : d.path("panels")) {
      assertThat(ids.add(p.path("id").asInt())).as("panel id %s unique", p.path("id")).isTrue();
      if (p.path("type").asText().equals("row")) {
        rows.add(p.path("title").asText());
        continue;
      }
      assertThat(p.path("datasource").path("uid").asText())
          .as(p.path("title").asText())
          .isEqualTo("${DS_PROMETHEUS}");
      assertThat(p.path("targets")).as(p.path("title").asText()).isNotEmpty();
      p.path("targets")
          .forEach(
              t -> assertThat(t.path("expr").asText()).as(p.path("title").asText()).isNotBlank());
    }
    assertThat(rows).contains("Payments", "Channels", "Migrations", "Webhooks", "Reconciliation");
  }

  @Test
  void metricNamesAreReadOutOfPromQl() {
    assertThat(
            OpsFiles.metricNames(
                "sum by (channel) (rate(channelshift_provider_requests_seconds_count{operation=\"create\",outcome=\"PROCESSED\"}[5m]))"
                    + " / on(channel) group_left sum without (x) (rate(other_total[1h] offset 5m)) * 60"))
        .containsExactly("channelshift_provider_requests_seconds_count", "other_total");
    assertThat(
            OpsFiles.metricNames(
                "channelshift_payments_past_expiry > 0 or max(channelshift_payments_open_oldest_seconds{status=\"a}b\"}) > 1e3"))
        .containsExactly(
            "channelshift_payments_open_oldest_seconds", "channelshift_payments_past_expiry");
    assertThat(OpsFiles.metricNames("up{job=\"channelshift-worker\"} == 0")).containsExactly("up");
    assertThat(
            OpsFiles.metricNames(
                "increase((max without (instance, pod) (channelshift_migration_rollbacks_total))[15m:1m])"
                    + " > 0 or max without (instance, pod) (channelshift_webhooks_given_up) > 0"))
        .containsExactly(
            "channelshift_migration_rollbacks_total", "channelshift_webhooks_given_up");
  }

  /** GitHub's anchors of the document's headings. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    for (String line : markdown.split("\n")) {
      if (line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").trim().toLowerCase();
        anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  record Result(int exit, String output) {}

  /** Runs promtool; fails, never skips, when it is missing. */
  static Result promtool(String... args) throws IOException, InterruptedException {
    String promtool = findPromtool();
    List<String> command = new ArrayList<>();
    command.add(promtool);
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(OpsFiles.root().toFile())
            .redirectErrorStream(true)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args) + " ran over 60 s");
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static String findPromtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        "promtool is not on the PATH: the alert rules cannot be checked. Install it from the"
            + " package manager (Debian/Ubuntu: apt-get install -y prometheus; .ci/run does so)");
  }
}
