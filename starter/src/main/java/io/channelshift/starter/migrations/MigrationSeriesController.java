package io.channelshift.starter.migrations;

import io.channelshift.migration.MigrationStatus;
import io.channelshift.migration.TimelineEntry;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.MigrationSeriesStore;
import io.channelshift.store.MigrationStore;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One migration over time, as the console draws it: the new channel's weight, each gate's value on
 * both channels with its limit and verdict, and the timeline's events. Bounded: the last {@code
 * limit} points of each series (and events), from {@code sinceMs} on.
 */
@RestController
@RequestMapping(path = "/api/migrations", produces = MediaType.APPLICATION_JSON_VALUE)
class MigrationSeriesController {

  static final int DEFAULT_LIMIT = 600;
  static final int MAX_LIMIT = 5_000;

  /** What the charts draw. */
  record Series(
      String migrationId,
      List<MigrationSeriesStore.WeightPoint> weights,
      List<MigrationSeriesStore.GateSeries> gates,
      List<TimelineEntry> events) {}

  private final MigrationStore migrations;
  private final MigrationSeriesStore series;
  private final MigrationGateway workflows;

  MigrationSeriesController(
      MigrationStore migrations, MigrationSeriesStore series, MigrationGateway workflows) {
    this.migrations = migrations;
    this.series = series;
    this.workflows = workflows;
  }

  @GetMapping("/{migrationId}/series")
  Series series(
      @PathVariable String migrationId,
      @RequestParam(name = "sinceMs", required = false) Long sinceMs,
      @RequestParam(name = "limit", required = false) Integer limit) {
    long since = sinceMs == null ? 0 : sinceMs;
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (since < 0 || n < 1 || n > MAX_LIMIT) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid query",
          "sinceMs must be 0 or more and limit 1 to " + MAX_LIMIT);
    }
    if (migrations.find(migrationId).isEmpty()) {
      throw new ApiProblem(
          HttpStatus.NOT_FOUND,
          "Migration not found",
          "no migration " + migrationId.replaceAll("[^A-Za-z0-9._-]", "?"));
    }
    List<TimelineEntry> timeline =
        workflows.status(migrationId).map(MigrationStatus::timeline).orElse(null);
    List<TimelineEntry> events =
        (timeline == null ? List.<TimelineEntry>of() : timeline)
            .stream().filter(e -> e.atMs() >= since).toList();
    return new Series(
        migrationId,
        series.weights(migrationId, since, n),
        series.gates(migrationId, since, n),
        events.subList(Math.max(0, events.size() - n), events.size()));
  }
}
