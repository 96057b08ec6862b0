package io.channelshift.starter.migrations;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.config.PaymentProperties;
import io.channelshift.fees.ChannelCosts;
import io.channelshift.migration.EngineerAction;
import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.migration.MigrationPlan;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.EngineerText;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Engineers' interface to channel migrations: start one from a plan, read it, and pause, resume,
 * promote, roll back or approve it. Who asks is the API key's name, with the person the client
 * names in the {@code X-ChannelShift-User} header (or {@code by} in the body), and is recorded in
 * the migration's timeline.
 */
@RestController
@RequestMapping(path = "/api/migrations", produces = MediaType.APPLICATION_JSON_VALUE)
class MigrationController {

  private final MigrationStarts starts;
  private final MigrationGateway migrations;
  private final PlanParser plans;
  private final ObjectMapper json;
  private final ChannelCosts costs;

  MigrationController(
      MigrationStarts starts,
      MigrationGateway migrations,
      ObjectMapper json,
      ProviderRegistry providers,
      PaymentProperties payment,
      ChannelCosts costs) {
    this.starts = starts;
    this.migrations = migrations;
    this.costs = costs;
    this.plans = new PlanParser(json, providers, payment);
    this.json = json;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MigrationStatus> start(
      @RequestBody(required = false) String body,
      @RequestHeader(name = MigrationGateway.USER_HEADER, required = false) String user,
      Principal key) {
    EngineerText.check(MigrationGateway.USER_HEADER, user);
    MigrationPlan plan = plans.parse(body);
    MigrationStarts.Started started = starts.start(plan, Requester.who(key, user, null));
    // 201 when this request started it; 200 with the same migration when it was started already (a
    // retry)
    return ResponseEntity.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(started.status());
  }

  @GetMapping
  List<Map<String, Object>> list() {
    return migrations.recent();
  }

  /**
   * The migration's status and, beside it, what its move saves in fees: the last month's volume of
   * both channels priced on each channel's schedule ({@code costs}; null when a channel has no
   * schedule).
   */
  record MigrationReport(@JsonUnwrapped MigrationStatus status, ChannelCosts.Projection costs) {}

  @GetMapping("/{migrationId}")
  MigrationReport status(@PathVariable String migrationId) {
    MigrationStatus status =
        migrations
            .status(migrationId)
            .orElseThrow(
                () ->
                    new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "Migration not found",
                        "no migration " + migrationId.replaceAll("[^A-Za-z0-9._-]", "?")));
    return new MigrationReport(
        status, costs.project(status.fromChannel(), status.toChannel(), status.scope()));
  }

  @PostMapping("/{migrationId}/{action}")
  MigrationStatus act(
      @PathVariable String migrationId,
      @PathVariable String action,
      @RequestBody(required = false) String body,
      @RequestHeader(name = MigrationGateway.USER_HEADER, required = false) String user,
      Principal key) {
    Action a = action(action);
    EngineerText.check(MigrationGateway.USER_HEADER, user);
    JsonNode args = arguments(body);
    String reason =
        EngineerText.check(
            "reason", args.path("reason").isTextual() ? args.path("reason").asText() : null);
    if (a == Action.PROMOTE && args.path("full").asBoolean(false)) {
      a = Action.PROMOTE_FULL;
    }
    String who = Requester.who(key, user, EngineerText.check("by", args.path("by").asText(null)));
    return migrations.act(migrationId, new EngineerAction(a, who, reason));
  }

  private static Action action(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "pause" -> Action.PAUSE;
      case "resume" -> Action.RESUME;
      case "promote" -> Action.PROMOTE;
      case "promote-full" -> Action.PROMOTE_FULL;
      case "rollback" -> Action.ROLLBACK;
      case "approve" -> Action.APPROVE;
      default ->
          throw new ApiProblem(
              HttpStatus.NOT_FOUND,
              "Unknown action",
              "actions: pause, resume, promote, promote-full, rollback, approve");
    };
  }

  private JsonNode arguments(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(body);
      if (!node.isObject()) {
        throw new ApiProblem(
            HttpStatus.BAD_REQUEST, "Invalid body", "the body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid body", "the body is not valid JSON");
    }
  }

  /**
   * {@code alice (key ops-team)}: the person as the client names them, vouched for by the key that
   * was used.
   */
}
