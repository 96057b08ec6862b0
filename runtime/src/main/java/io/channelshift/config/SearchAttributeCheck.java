package io.channelshift.config;

import io.channelshift.temporal.TemporalNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every search attribute the workflows set ({@link
 * TemporalNames#CUSTOM_SEARCH_ATTRIBUTES}) is in the namespace with its type, before a worker
 * starts: a workflow that sets a missing one fails its tasks over and over (a payment stuck, a
 * migration that never moves), far from the cause.
 *
 * <p>It reads the namespace's list (OperatorService ListSearchAttributes), registers what is
 * missing, and refuses ({@link Outcome.Refused}) when anything is still missing or has another
 * type. Where the list cannot be read (Temporal Cloud may deny the operator API) it registers all
 * of them: an attribute added or already there is proven present (its type is not checked); when
 * registration is denied too, nothing proves an attribute missing, so the worker starts with a
 * warning naming them ({@link Outcome.Unverified}) rather than refusing on a guess.
 */
public final class SearchAttributeCheck {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeCheck.class);

  private SearchAttributeCheck() {}

  /** What the namespace said. */
  public sealed interface Outcome {

    /** Every attribute is there (with its type, when the list could be read). */
    record Ready() implements Outcome {}

    /**
     * The list could not be read ({@code listAnswer}) and registering these was refused: they may
     * be there or not.
     */
    record Unverified(
        TemporalProperties temporal, Status.Code listAnswer, List<SearchAttributeKey<?>> unknown)
        implements Outcome {

      public String message() {
        return "cannot check the search attributes of namespace '"
            + temporal.namespace()
            + "' on Temporal at "
            + temporal.target()
            + " (listing them: "
            + listAnswer
            + "; registering them: refused); if any of "
            + names(unknown)
            + " is missing, workflows setting it will be stuck. Create them where they are missing:"
            + commands(temporal, unknown);
      }
    }

    /**
     * Proven missing after registering them was tried ({@code registration}: why it failed), or
     * there with another type ({@code wrongTypes}: the type found, by attribute).
     */
    record Refused(
        TemporalProperties temporal,
        List<SearchAttributeKey<?>> missing,
        Status.Code registration,
        Map<SearchAttributeKey<?>, IndexedValueType> wrongTypes)
        implements Outcome {

      public String message() {
        StringBuilder m =
            new StringBuilder("namespace '")
                .append(temporal.namespace())
                .append("' on Temporal at ")
                .append(temporal.target())
                .append(" cannot take ChannelShift's workflows:");
        if (!missing.isEmpty()) {
          m.append(" search attributes missing, and registering them was refused (")
              .append(registration)
              .append("): ")
              .append(names(missing))
              .append('.');
        }
        wrongTypes.forEach(
            (key, found) ->
                m.append(" Search attribute ")
                    .append(key.getName())
                    .append(" is ")
                    .append(SearchAttributeRegistration.cliType(found))
                    .append(", it must be ")
                    .append(SearchAttributeRegistration.cliType(key.getValueType()))
                    .append(" (remove it: temporal operator search-attribute remove --address ")
                    .append(temporal.target())
                    .append(" --namespace ")
                    .append(temporal.namespace())
                    .append(" --name ")
                    .append(key.getName())
                    .append(", or use another namespace).")); // a type cannot be changed in place
        List<SearchAttributeKey<?>> toCreate = new ArrayList<>(missing);
        toCreate.addAll(wrongTypes.keySet());
        return m.append(" Create them, then start again:")
            .append(commands(temporal, toCreate))
            .toString();
      }
    }
  }

  /**
   * Checks, registers what is missing, and refuses with {@link TemporalNotUsable} when something is
   * still missing or has the wrong type; logs a warning when nothing could be checked.
   */
  public static void require(TemporalProperties temporal) {
    Outcome outcome = check(temporal);
    if (outcome instanceof Outcome.Refused refused) {
      throw new TemporalNotUsable(refused.message());
    }
    if (outcome instanceof Outcome.Unverified unverified) {
      log.warn(unverified.message());
    }
  }

  public static Outcome check(TemporalProperties temporal) {
    OperatorServiceStubs operator = SearchAttributeRegistration.operatorStubs(temporal);
    try {
      Map<String, IndexedValueType> listed;
      try {
        listed = list(operator, temporal.namespace());
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
          throw new TemporalNotUsable(TemporalReachability.problem(temporal, e.getStatus()));
        }
        return withoutTheList(operator, temporal, code);
      }
      return fromTheList(operator, temporal, listed);
    } finally {
      operator.shutdown();
    }
  }

  private static Outcome fromTheList(
      OperatorServiceStubs operator,
      TemporalProperties temporal,
      Map<String, IndexedValueType> listed) {
    List<SearchAttributeKey<?>> missing = new ArrayList<>();
    Map<SearchAttributeKey<?>, IndexedValueType> wrongTypes = new LinkedHashMap<>();
    Status.Code refusal = Status.Code.OK;
    for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
      IndexedValueType found = listed.get(key.getName());
      if (found == null) {
        Status.Code answer =
            SearchAttributeRegistration.registerOne(operator, temporal.namespace(), key);
        if (!SearchAttributeRegistration.registered(answer)) {
          missing.add(key);
          refusal = answer;
        }
      } else if (found != key.getValueType()) {
        wrongTypes.put(key, found);
      }
    }
    if (missing.isEmpty() && wrongTypes.isEmpty()) {
      return new Outcome.Ready();
    }
    return new Outcome.Refused(temporal, missing, refusal, wrongTypes);
  }

  private static Outcome withoutTheList(
      OperatorServiceStubs operator, TemporalProperties temporal, Status.Code listAnswer) {
    List<SearchAttributeKey<?>> unknown = new ArrayList<>();
    for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
      Status.Code answer =
          SearchAttributeRegistration.registerOne(operator, temporal.namespace(), key);
      if (!SearchAttributeRegistration.registered(answer)) {
        unknown.add(key);
      }
    }
    if (unknown.isEmpty()) {
      log.debug(
          "search attributes registered on {} (their list is not readable: {}; types unchecked)",
          temporal.target(),
          listAnswer);
      return new Outcome.Ready();
    }
    return new Outcome.Unverified(temporal, listAnswer, unknown);
  }

  /** Custom and system attributes of the namespace, by name. */
  private static Map<String, IndexedValueType> list(
      OperatorServiceStubs operator, String namespace) {
    ListSearchAttributesResponse response =
        operator
            .blockingStub()
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .listSearchAttributes(
                ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
    Map<String, IndexedValueType> all = new HashMap<>(response.getSystemAttributesMap());
    all.putAll(response.getCustomAttributesMap());
    return all;
  }

  private static String names(List<SearchAttributeKey<?>> keys) {
    List<String> named = new ArrayList<>();
    for (SearchAttributeKey<?> key : keys) {
      named.add(
          key.getName() + " (" + SearchAttributeRegistration.cliType(key.getValueType()) + ")");
    }
    return String.join(", ", named);
  }

  private static String commands(TemporalProperties temporal, List<SearchAttributeKey<?>> keys) {
    StringBuilder lines = new StringBuilder();
    for (SearchAttributeKey<?> key : keys) {
      lines.append("\n  ").append(SearchAttributeRegistration.createCommand(temporal, key));
    }
    return lines.toString();
  }
}
