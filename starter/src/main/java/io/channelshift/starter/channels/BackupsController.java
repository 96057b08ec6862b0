package io.channelshift.starter.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiProblem.FieldProblem;
import io.channelshift.starter.web.EngineerText;
import io.channelshift.store.BackupsChange;
import io.channelshift.store.RoutingStore;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/routes/{scope}/backups}: an engineer names the scope's backup channels, in the
 * order a payment tries them when its channel cannot take it. The answer is the table in force
 * afterwards: 201 when this request wrote a new version (same weights and ramping channel, these
 * backups, recorded with who asked and why), 200 when that table was in force already (a retry).
 * Refused, nothing written: a channel not configured or listed twice (422), a scope without a table
 * of its own (404), a migration running on the scope (409: the migration owns its table until it
 * ends).
 */
@RestController
class BackupsController {

  private static final Set<String> FIELDS = Set.of("backups", "reason", "by");

  private final RoutingStore store;
  private final ProviderRegistry providers;
  private final ObjectMapper json;

  BackupsController(RoutingStore store, ProviderRegistry providers, ObjectMapper json) {
    this.store = store;
    this.providers = providers;
    this.json = json;
  }

  @PutMapping(
      path = "/api/routes/{scope}/backups",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RoutingTable> replace(
      @PathVariable String scope,
      @RequestBody(required = false) String body,
      @RequestHeader(name = Requester.USER_HEADER, required = false) String user,
      Principal key) {
    EngineerText.check(Requester.USER_HEADER, user);
    JsonNode request = object(body);
    String reason = EngineerText.check("reason", text(request, "reason"));
    if (reason == null || reason.isBlank()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Missing reason",
          "reason is required: say why the backups change",
          List.of(new FieldProblem("reason", "is required")));
    }
    String who = Requester.who(key, user, EngineerText.check("by", text(request, "by")));
    List<String> backups = backups(request.get("backups"));
    BackupsChange change = store.replaceBackups(scope, backups, who, reason);
    if (change instanceof BackupsChange.Written written) {
      return ResponseEntity.status(HttpStatus.CREATED).body(written.table());
    }
    if (change instanceof BackupsChange.Unchanged unchanged) {
      return ResponseEntity.ok(unchanged.table());
    }
    if (change instanceof BackupsChange.MigrationRunning running) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "Migration running",
          "migration "
              + running.migrationId()
              + " runs on scope "
              + visible(scope)
              + " and owns its routing table until it ends; change the backups after it ends");
    }
    throw new ApiProblem(
        HttpStatus.NOT_FOUND,
        "Scope not found",
        "scope "
            + visible(scope)
            + " has no routing table of its own (its payments follow '"
            + RoutingTable.ALL
            + "')");
  }

  private JsonNode object(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Missing body",
          "send {\"backups\": [\"channel\", ...], \"reason\": \"...\"}");
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Malformed JSON", "the body must be a JSON object");
    }
    List<FieldProblem> unknown = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        unknown.add(new FieldProblem(visible(name), "is not a field of this request"));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Unknown field",
          "the body takes backups, reason and by only",
          unknown);
    }
    return node;
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid " + field,
          field + " must be a string",
          List.of(new FieldProblem(field, "must be a string")));
    }
    return value.asText();
  }

  /**
   * The list as sent, every entry a configured channel named once; every problem is named in one
   * answer.
   */
  private List<String> backups(JsonNode list) {
    if (list == null || !list.isArray()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid backups",
          "backups must be a list of channel names ([] for none)",
          List.of(new FieldProblem("backups", "must be a list of channel names")));
    }
    if (list.size() > providers.channels().size()) {
      // each channel at most once: a longer list is wrong whatever it holds (and is not echoed
      // back entry by entry)
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "Invalid backups",
          "backups names "
              + list.size()
              + " channels; there are "
              + providers.channels().size()
              + " configured, each named at most once; nothing was written",
          List.of(new FieldProblem("backups", "more entries than configured channels")));
    }
    List<String> channels = new ArrayList<>();
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String field = "backups[" + i + "]";
      if (!entry.isTextual()) {
        throw new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "Invalid backups",
            field + " must be a channel's name",
            List.of(new FieldProblem(field, "must be a string")));
      }
      String channel = entry.asText();
      if (providers.find(channel).isEmpty() || providers.disabled(channel)) {
        problems.add(
            new FieldProblem(
                field,
                "no configured, enabled channel "
                    + visible(channel)
                    + " (channels: "
                    + List.copyOf(providers.channels())
                    + ")"));
      } else if (!seen.add(channel)) {
        problems.add(new FieldProblem(field, channel + " is listed twice"));
      }
      channels.add(channel);
    }
    if (!problems.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "Invalid backups",
          problems.get(0).field() + ": " + problems.get(0).problem() + "; nothing was written",
          problems);
    }
    return channels;
  }

  /** What the caller sent, safe to echo: anything but letters, digits, '_' and '-' becomes '?'. */
  private static String visible(String text) {
    String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return shown.replaceAll("[^A-Za-z0-9_-]", "?");
  }
}
