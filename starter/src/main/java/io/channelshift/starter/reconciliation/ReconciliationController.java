package io.channelshift.starter.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.reconciliation.ReconciliationReports;
import io.channelshift.reconciliation.ReconciliationRequest;
import io.channelshift.starter.api.ApiProblem;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation runs: start one by hand ({@code POST}, engineers) and read them ({@code GET}, engineers and ops):
 * with a channel and a date, that day's report (totals on both sides, counts per kind, the discrepancies); without,
 * the latest runs.
 */
@RestController
@RequestMapping(path = "/api/reconciliations", produces = MediaType.APPLICATION_JSON_VALUE)
class ReconciliationController {

  private static final int DISCREPANCIES_SHOWN = 500;

  private final ReconciliationGateway gateway;
  private final ReconciliationReports reports;
  private final ProviderRegistry providers;
  private final ObjectMapper json;

  ReconciliationController(ReconciliationGateway gateway, ReconciliationReports reports, ProviderRegistry providers,
      ObjectMapper json) {
    this.gateway = gateway;
    this.reports = reports;
    this.providers = providers;
    this.json = json;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ReconciliationGateway.Started> start(@RequestBody(required = false) String body) {
    JsonNode request = parse(body);
    String channel = channel(request.path("channel").isTextual() ? request.path("channel").asText() : null);
    LocalDate day = date(request.path("date").isTextual() ? request.path("date").asText() : null);
    if (day.isAfter(gateway.today(channel))) {
      throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Day not started",
          day + " has not begun on " + channel + "; reconcile a past day, or today for what it holds so far");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(gateway.start(new ReconciliationRequest(channel,
        day.toString())));
  }

  @GetMapping
  Object read(@RequestParam(required = false) String channel, @RequestParam(required = false) String date) {
    if (date == null) {
      return reports.recent(channel == null ? null : channel(channel), 50);
    }
    String c = channel(channel);
    LocalDate day = date(date);
    ReconciliationReports.Report report = reports.report(c, day, DISCREPANCIES_SHOWN).orElseThrow(() ->
        new ApiProblem(HttpStatus.NOT_FOUND, "Reconciliation not found", "no reconciliation of " + c + " for " + day));
    return new ReconciliationGateway.View(report, gateway.progress(new ReconciliationRequest(c, day.toString())));
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Missing body", "send {\"channel\": ..., \"date\": \"yyyy-MM-dd\"}");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not JSON");
    }
  }

  private String channel(String channel) {
    if (channel == null || channel.isBlank()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Missing channel", "channel is required");
    }
    if (providers.find(channel).isEmpty()) {
      throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown channel", "no channel named "
          + channel.replaceAll("[^A-Za-z0-9_-]", "?") + "; configured: " + List.copyOf(providers.channels()));
    }
    return channel;
  }

  private static LocalDate date(String date) {
    if (date == null) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Missing date", "date (yyyy-MM-dd) is required");
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid date", "date must be yyyy-MM-dd");
    }
  }
}
