package io.channelshift.starter.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.privacy.Masking;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.reconciliation.ReconciliationRequest;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiDates;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.ReconciliationReports;
import io.channelshift.store.ReconciliationStore;
import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation runs: start one by hand ({@code POST}, engineers) and read them ({@code GET},
 * engineers and ops): with a channel and a date, that day's report (totals on both sides, counts
 * per kind, the discrepancies); without, the latest runs. Engineers settle a discrepancy that needs
 * a human with what they did.
 */
@RestController
@RequestMapping(path = "/api/reconciliations", produces = MediaType.APPLICATION_JSON_VALUE)
class ReconciliationController {

  private static final int DISCREPANCIES_SHOWN = 500;

  private final ReconciliationGateway gateway;
  private final ReconciliationReports reports;
  private final ReconciliationStore store;
  private final ProviderRegistry providers;
  private final ObjectMapper json;

  ReconciliationController(
      ReconciliationGateway gateway,
      ReconciliationReports reports,
      ReconciliationStore store,
      ProviderRegistry providers,
      ObjectMapper json) {
    this.gateway = gateway;
    this.reports = reports;
    this.store = store;
    this.providers = providers;
    this.json = json;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ReconciliationGateway.Started> start(@RequestBody(required = false) String body) {
    JsonNode request = parse(body);
    String channel =
        channel(request.path("channel").isTextual() ? request.path("channel").asText() : null);
    LocalDate day = date(request.path("date").isTextual() ? request.path("date").asText() : null);
    if (day.isAfter(gateway.today(channel))) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "Day not started",
          day
              + " has not begun on "
              + channel
              + "; reconcile a past day, or today for what it holds so far");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(gateway.start(new ReconciliationRequest(channel, day.toString())));
  }

  /**
   * A person settles an open discrepancy with what they did about it (refunded by hand, booked,
   * written off), which the discrepancy keeps with who said it; a re-run of the day leaves it
   * settled.
   */
  @PostMapping(path = "/discrepancies/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
  ReconciliationReports.Discrepancy resolve(
      @PathVariable String id,
      @RequestBody(required = false) String body,
      @RequestHeader(name = Requester.USER_HEADER, required = false) String user,
      Principal key) {
    long discrepancyId = discrepancyId(id);
    JsonNode request = parse(body);
    String what =
        request.path("resolution").isTextual() ? request.path("resolution").asText().strip() : "";
    if (what.isEmpty() || what.length() > 500 || what.chars().anyMatch(Character::isISOControl)) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid resolution",
          "resolution must say what was done: 1-500 characters, no control characters");
    }
    switch (store.resolveByHand(
        discrepancyId,
        Requester.who(key, user, request.path("by").asText(null)),
        Masking.mask(what))) {
      case NOT_FOUND -> throw notFound(discrepancyId);
      case ALREADY_SETTLED ->
          throw new ApiProblem(
              HttpStatus.CONFLICT,
              "Discrepancy settled",
              "discrepancy "
                  + discrepancyId
                  + " is already "
                  + reports.discrepancy(discrepancyId).map(d -> d.status()).orElse("settled"));
      case RESOLVED -> {}
    }
    return reports.discrepancy(discrepancyId).orElseThrow(() -> notFound(discrepancyId));
  }

  private static long discrepancyId(String id) {
    try {
      long value = Long.parseLong(id);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiProblem(
        HttpStatus.NOT_FOUND,
        "Discrepancy not found",
        "no discrepancy " + id.replaceAll("[^0-9A-Za-z_-]", "?"));
  }

  private static ApiProblem notFound(long id) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "Discrepancy not found", "no discrepancy " + id);
  }

  @GetMapping
  Object read(
      @RequestParam(required = false) String channel, @RequestParam(required = false) String date) {
    if (date == null) {
      return reports.recent(channel == null ? null : channel(channel), 50);
    }
    String c = channel(channel);
    LocalDate day = date(date);
    ReconciliationReports.Report report =
        reports
            .report(c, day, DISCREPANCIES_SHOWN)
            .orElseThrow(
                () ->
                    new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "Reconciliation not found",
                        "no reconciliation of " + c + " for " + day));
    return new ReconciliationGateway.View(
        report, gateway.progress(new ReconciliationRequest(c, day.toString())));
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Missing body",
          "send {\"channel\": ..., \"date\": \"yyyy-MM-dd\"}");
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiProblem(
            HttpStatus.BAD_REQUEST, "Malformed JSON", "the body must be a JSON object");
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
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "Unknown channel",
          "no channel named "
              + channel.replaceAll("[^A-Za-z0-9_-]", "?")
              + "; configured: "
              + List.copyOf(providers.channels()));
    }
    return channel;
  }

  private static LocalDate date(String date) {
    if (date == null) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Missing date", "date (yyyy-MM-dd) is required");
    }
    return ApiDates.day("date", date);
  }
}
