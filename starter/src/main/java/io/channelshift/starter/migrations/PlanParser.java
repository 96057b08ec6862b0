package io.channelshift.starter.migrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.channelshift.config.PaymentProperties;
import io.channelshift.migration.MigrationPlan;
import io.channelshift.migration.PlanLimits;
import io.channelshift.migration.PlanValidation;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.routing.RoutingTable;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.ApiProblem.FieldProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Reads a migration plan (REST body or file), fills in the defaults and checks it: the plan's own
 * rules, then what only the running system knows (the channels exist and are enabled, the scope is
 * known). Every problem is named in one answer; nothing starts on a plan with a problem.
 */
final class PlanParser {

  private final ObjectMapper json;
  private final ProviderRegistry providers;
  private final List<String> productTypes;

  PlanParser(ObjectMapper json, ProviderRegistry providers, PaymentProperties payment) {
    this.json = json;
    this.providers = providers;
    this.productTypes = payment.productTypes();
  }

  MigrationPlan parse(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Plan required", "the body must be a migration plan in JSON");
    }
    MigrationPlan plan;
    try {
      plan = json.readValue(body, MigrationPlan.class);
    } catch (JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      if (isDurationOutOfRange(
          e)) { // well-formed ISO-8601, too large for any duration: a value, not a format
        throw new ApiProblem(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "Invalid plan",
            "field " + field + " is out of range",
            List.of(
                new FieldProblem(
                    field,
                    "is out of range; see the plan's duration limits (e.g. evaluationInterval "
                        + PlanLimits.MIN_INTERVAL
                        + " to "
                        + PlanLimits.MAX_INTERVAL
                        + ")")));
      }
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "Invalid plan",
          "field "
              + field
              + " has the wrong type or format"
              + " (durations are ISO-8601, e.g. PT30S)",
          List.of(new FieldProblem(field, e.getOriginalMessage())));
    } catch (JsonProcessingException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid plan", "the body is not valid JSON");
    }
    if (plan == null) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "Plan required", "the body must be a migration plan in JSON");
    }
    plan = plan.withDefaults();
    List<FieldProblem> problems = new ArrayList<>();
    PlanValidation.problems(plan)
        .forEach(p -> problems.add(new FieldProblem(p.field(), p.message())));
    channel(problems, "fromChannel", plan.fromChannel());
    channel(problems, "toChannel", plan.toChannel());
    if (plan.scope() != null
        && !plan.scope().equals(RoutingTable.ALL)
        && !productTypes.contains(plan.scope())) {
      problems.add(
          new FieldProblem(
              "scope", "must be '" + RoutingTable.ALL + "' or a product type " + productTypes));
    }
    if (!problems.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "Invalid plan",
          problems.size() + " problem(s) with the plan; nothing was started",
          problems);
    }
    return plan;
  }

  /**
   * An ISO-8601 duration: sign, days, then hours, minutes and seconds (what {@link Duration#parse}
   * reads).
   */
  private static final Pattern ISO_DURATION =
      Pattern.compile(
          "[-+]?P(?:[-+]?\\d+D)?(?:T(?:[-+]?\\d+H)?(?:[-+]?\\d+M)?(?:[-+]?\\d+(?:[.,]\\d{0,9})?S)?)?",
          Pattern.CASE_INSENSITIVE);

  private static boolean isDurationOutOfRange(JsonMappingException e) {
    return e instanceof InvalidFormatException f
        && f.getTargetType() == Duration.class
        && f.getValue() instanceof String text
        && ISO_DURATION.matcher(text.strip()).matches();
  }

  private void channel(List<FieldProblem> problems, String field, String name) {
    if (name != null
        && !name.isBlank()
        && (providers.find(name).isEmpty() || providers.disabled(name))) {
      problems.add(
          new FieldProblem(
              field,
              "no configured, enabled channel "
                  + name
                  + " (channels: "
                  + providers.channels()
                  + ")"));
    }
  }
}
