package io.channelshift.starter.scopes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.health.HealthAction;
import io.channelshift.health.HealthAction.Action;
import io.channelshift.starter.security.Requester;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.EngineerText;
import java.io.IOException;
import java.security.Principal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Engineers' interface to a scope's channel health: read it, fail over, fail back, hold automatic
 * failover and release it. Each request carries a reason and is recorded with who asked (the API
 * key's name and the person the client names), like migrations' requests.
 */
@RestController
@RequestMapping(path = "/api/scopes/{scope}", produces = MediaType.APPLICATION_JSON_VALUE)
class ScopeHealthController {

  /** A scope is {@code all} or a product type: a short name, nothing a path or a log could bend. */
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Set<String> FIELDS = Set.of("reason", "by", "target");

  private final ScopeHealthGateway scopes;
  private final ObjectMapper json;

  ScopeHealthController(ScopeHealthGateway scopes, ObjectMapper json) {
    this.scopes = scopes;
    this.json = json;
  }

  @GetMapping("/health")
  ChannelHealthStatus health(@PathVariable String scope) {
    return scopes.status(checked(scope)).orElseThrow(() -> ScopeHealthGateway.notFound(scope));
  }

  @PostMapping(path = "/{action}")
  ChannelHealthStatus act(
      @PathVariable String scope,
      @PathVariable String action,
      @RequestBody(required = false) String body,
      @RequestHeader(name = Requester.USER_HEADER, required = false) String user,
      Principal key) {
    Action a = action(action);
    checked(scope);
    EngineerText.check(Requester.USER_HEADER, user);
    JsonNode args = arguments(body);
    String reason = EngineerText.check("reason", text(args, "reason"));
    if (reason == null || reason.isBlank()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid reason", "a " + action + " needs a reason");
    }
    String target = text(args, "target");
    if (target != null && a != Action.FAILOVER) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Invalid target", "only a failover takes a target channel");
    }
    if (target != null && !SCOPE.matcher(target).matches()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid target", "not a channel name");
    }
    String who = Requester.who(key, user, EngineerText.check("by", text(args, "by")));
    return scopes.act(scope, new HealthAction(a, who, reason, target));
  }

  private static String checked(String scope) {
    if (!SCOPE.matcher(scope).matches()) {
      throw new ApiProblem(
          HttpStatus.NOT_FOUND, "Scope not found", "not a scope name (letters, digits, . _ -)");
    }
    return scope;
  }

  private static Action action(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "failover" -> Action.FAILOVER;
      case "failback" -> Action.FAILBACK;
      case "hold" -> Action.HOLD;
      case "release" -> Action.RELEASE;
      default ->
          throw new ApiProblem(
              HttpStatus.NOT_FOUND, "Unknown action", "actions: failover, failback, hold, release");
    };
  }

  private static String text(JsonNode args, String field) {
    JsonNode v = args.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid " + field, field + " must be a string");
    }
    return v.asText();
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
      node.fieldNames()
          .forEachRemaining(
              f -> {
                if (!FIELDS.contains(f)) {
                  throw new ApiProblem(
                      HttpStatus.BAD_REQUEST,
                      "Invalid body",
                      "unknown field "
                          + f.replaceAll("[^A-Za-z0-9_]", "?")
                          + "; fields: reason, by, target");
                }
              });
      return node;
    } catch (IOException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid body", "the body is not valid JSON");
    }
  }
}
