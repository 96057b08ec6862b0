package io.channelshift.starter.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.channel.ChannelChange;
import io.channelshift.channel.ChannelStatus;
import io.channelshift.channel.LifecycleAction;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiProblem.FieldProblem;
import io.channelshift.starter.web.EngineerText;
import io.channelshift.store.ChannelLifecycleStore;
import io.channelshift.store.ChannelLifecycleStore.HistoryEntry;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Channels' lifecycle: engineers drain, retire and activate a channel ({@code POST
 * /api/channels/{channel}/drain|retire|activate}, body {@code {"reason": ...}}); engineers and ops
 * read every channel ({@code GET /api/channels}) and one channel's history ({@code GET
 * /api/channels/{channel}/lifecycle}). Who asks is the API key's name with the person the {@code
 * X-ChannelShift-User} header (or {@code by}) names.
 */
@RestController
class ChannelLifecycleController {

  private static final Set<String> FIELDS = Set.of("reason", "by");

  private final ProviderRegistry providers;
  private final ChannelLifecycleGateway gateway;
  private final ChannelLifecycleStore store;
  private final ChannelsOverview overview;
  private final ObjectMapper json;

  ChannelLifecycleController(
      ProviderRegistry providers,
      ChannelLifecycleGateway gateway,
      ChannelLifecycleStore store,
      ChannelsOverview overview,
      ObjectMapper json) {
    this.providers = providers;
    this.gateway = gateway;
    this.store = store;
    this.overview = overview;
    this.json = json;
  }

  @GetMapping(path = "/api/channels", produces = MediaType.APPLICATION_JSON_VALUE)
  List<ChannelsOverview.ChannelOverview> channels() {
    return overview.all();
  }

  /** A channel's state and its changes, newest first (the last 100). */
  record Lifecycle(ChannelStatus status, List<HistoryEntry> history) {}

  @GetMapping(
      path = "/api/channels/{channel}/lifecycle",
      produces = MediaType.APPLICATION_JSON_VALUE)
  Lifecycle lifecycle(@PathVariable String channel) {
    known(channel);
    return new Lifecycle(store.status(channel), store.history(channel, 100));
  }

  @PostMapping(
      path = "/api/channels/{channel}/{action:drain|retire|activate}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ChannelStatus change(
      @PathVariable String channel,
      @PathVariable String action,
      @RequestBody(required = false) String body,
      @RequestHeader(name = Requester.USER_HEADER, required = false) String user,
      Principal key) {
    known(channel);
    EngineerText.check(Requester.USER_HEADER, user);
    JsonNode args = arguments(body);
    String reason = EngineerText.check("reason", text(args, "reason"));
    if (reason == null || reason.isBlank()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid reason",
          "a reason is required",
          List.of(new FieldProblem("reason", "is required")));
    }
    String who = Requester.who(key, user, EngineerText.check("by", text(args, "by")));
    LifecycleAction a = LifecycleAction.named(action).orElseThrow();
    return gateway.change(new ChannelChange(channel, a, reason.strip(), who));
  }

  private void known(String channel) {
    if (!providers.channels().contains(channel)) {
      throw new ApiProblem(
          HttpStatus.NOT_FOUND,
          "Channel not found",
          "no configured channel "
              + channel.replaceAll("[^A-Za-z0-9._-]", "?")
              + " (configured: "
              + new java.util.TreeSet<>(providers.channels())
              + ")");
    }
  }

  private JsonNode arguments(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid body", "a JSON object with a reason is required");
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid body", "the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid body", "the body must be a JSON object");
    }
    node.fieldNames()
        .forEachRemaining(
            field -> {
              if (!FIELDS.contains(field)) {
                throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid body",
                    "unknown field "
                        + field.replaceAll("[^A-Za-z0-9._-]", "?")
                        + "; fields: reason, by",
                    List.of(new FieldProblem(field, "is not a field of this request")));
              }
            });
    return node;
  }

  private static String text(JsonNode args, String field) {
    JsonNode value = args.get(field);
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
}
