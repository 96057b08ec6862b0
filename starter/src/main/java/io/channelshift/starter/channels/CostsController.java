package io.channelshift.starter.channels;

import io.channelshift.fees.ChannelCosts;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.web.ApiDates;
import io.channelshift.starter.web.ApiProblem;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/channels/costs?from&to}: per channel and currency, the volume, the fees paid, the
 * effective rate and what awaits settlement. The period is the days {@code from} to {@code to}
 * inclusive (each channel's business days), the last 30 days by default.
 */
@RestController
class CostsController {

  private static final int MAX_DAYS = 366;

  private final ChannelCosts costs;
  private final ProviderRegistry providers;

  CostsController(ChannelCosts costs, ProviderRegistry providers) {
    this.costs = costs;
    this.providers = providers;
  }

  record Costs(String from, String to, List<ChannelCosts.Cost> channels) {}

  @GetMapping(path = "/api/channels/costs", produces = MediaType.APPLICATION_JSON_VALUE)
  Costs costs(
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    LocalDate end = to == null ? LocalDate.now(ZoneOffset.UTC) : date("to", to);
    LocalDate start = from == null ? end.minusDays(29) : date("from", from);
    if (start.isAfter(end)) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid period", "from " + start + " is after to " + end);
    }
    if (start.plusDays(MAX_DAYS).isBefore(end)) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid period", "at most " + MAX_DAYS + " days at a time");
    }
    return new Costs(
        start.toString(), end.toString(), costs.costs(providers.channels(), start, end));
  }

  private static LocalDate date(String name, String value) {
    return ApiDates.day(name, value);
  }
}
