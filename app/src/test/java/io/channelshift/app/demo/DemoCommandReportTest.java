package io.channelshift.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demo --report FILE} writes the JSON report with its keys as before and {@code FILE.html}
 * beside it (the payment scenarios only: the drills' pages are checked by the drills' tests).
 */
class DemoCommandReportTest {

  @Test
  void theReportIsWrittenAsJsonAndAsAPageBesideIt(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");

    int exit =
        new CommandLine(new DemoCommand()).execute("--no-drill", "--report", json.toString());

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.fieldNames())
        .toIterable()
        .as("exit %d", exit)
        .containsExactly("scenarios", "invariants", "migration", "failover", "drain");
    Path html = dir.resolve("report.json.html");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("ChannelShift demo report");
    assertThat(page).contains("<h2>Payment scenarios</h2>");
    for (JsonNode scenario : report.path("scenarios")) {
      assertThat(page).contains(scenario.path("name").asText());
    }
    assertThat(page).contains(exit == 0 ? "passed" : "FAILED").doesNotContain("<script");
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
