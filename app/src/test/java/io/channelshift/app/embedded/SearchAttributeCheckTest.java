package io.channelshift.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.config.SearchAttributeCheck;
import io.channelshift.config.SearchAttributeCheck.Outcome;
import io.channelshift.config.TemporalNotUsable;
import io.channelshift.config.TemporalProperties;
import io.channelshift.config.TemporalReachability;
import io.channelshift.temporal.TemporalNames;
import io.grpc.InsecureServerCredentials;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker's start-up check of its search attributes against a Temporal that, like Temporal
 * Cloud, refuses to register them: an embedded server with {@link RefusingOperator} in front (a new
 * one per test: its attributes are the test's).
 */
class SearchAttributeCheckTest {

  private final RefusingOperator refusing = new RefusingOperator();
  private EmbeddedTemporal temporal;
  private TemporalProperties settings;
  private OperatorServiceStubs operator;

  @BeforeEach
  void start() throws Exception {
    int port = FreePorts.next();
    temporal =
        EmbeddedTemporal.start(
            port, "default", InsecureServerCredentials.create(), List.of(refusing));
    settings = TemporalProperties.plain("127.0.0.1:" + port, "default");
    operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(settings.target())
                .validateAndBuildWithDefaults());
  }

  @AfterEach
  void stop() throws Exception {
    operator.shutdownNow();
    temporal.close();
  }

  @Test
  void attributesMissingAndRegistrationDenied_refuse_namingEveryOne_withItsTypeAndCommand() {
    assertThatThrownBy(() -> SearchAttributeCheck.require(settings))
        .isInstanceOf(TemporalNotUsable.class)
        .hasMessageContaining("PERMISSION_DENIED")
        .satisfies(
            e -> {
              for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
                String type = cliType(key);
                assertThat(e.getMessage())
                    .contains(key.getName() + " (" + type + ")")
                    .contains(
                        "temporal operator search-attribute create --address "
                            + settings.target()
                            + " --namespace default --name "
                            + key.getName()
                            + " --type "
                            + type);
              }
            });
    assertThat(listed()).doesNotContainKey("PaymentStatus");
  }

  @Test
  void someMissing_onlyThoseAreNamed() {
    allow(() -> add(TemporalNames.PAYMENT_STATUS, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    allow(() -> add(TemporalNames.TRAFFIC_WEIGHT, IndexedValueType.INDEXED_VALUE_TYPE_INT));

    Outcome outcome = SearchAttributeCheck.check(settings);

    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    Outcome.Refused refused = (Outcome.Refused) outcome;
    assertThat(refused.missing())
        .hasSize(6)
        .doesNotContain(TemporalNames.PAYMENT_STATUS, TemporalNames.TRAFFIC_WEIGHT);
    assertThat(refused.message()).doesNotContain("--name PaymentStatus ");
    assertThat(refused.wrongTypes()).isEmpty();
  }

  @Test
  void aWrongType_refuses_evenWhenNothingIsMissing_namingItAndBothTypes() {
    allow(
        () -> {
          add(TemporalNames.PAYMENT_STATUS, IndexedValueType.INDEXED_VALUE_TYPE_TEXT);
          for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
            if (key != TemporalNames.PAYMENT_STATUS) {
              add(key, key.getValueType());
            }
          }
        });

    assertThatThrownBy(() -> SearchAttributeCheck.require(settings))
        .isInstanceOf(TemporalNotUsable.class)
        .hasMessageContaining("PaymentStatus is Text, it must be Keyword")
        .hasMessageContaining("search-attribute remove --address " + settings.target())
        .hasMessageContaining("--name PaymentStatus --type Keyword")
        .hasMessageNotContaining("missing")
        .hasMessageNotContaining("--name PaymentChannel");
  }

  @Test
  void whereRegistrationIsAllowed_theMissingAreRegistered_withTheirTypes() {
    refusing.denyAdding.set(false);

    assertThat(SearchAttributeCheck.check(settings)).isInstanceOf(Outcome.Ready.class);

    Map<String, IndexedValueType> listed = listed();
    for (SearchAttributeKey<?> key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
      assertThat(listed).containsEntry(key.getName(), key.getValueType());
    }
    assertThat(SearchAttributeCheck.check(settings))
        .as("a second start: all there already")
        .isInstanceOf(Outcome.Ready.class);
  }

  @Test
  void listNotReadable_andRegistrationDenied_isUnverified_notRefused_andSaysWhatToRun() {
    refusing.denyListing.set(true);

    Outcome outcome = SearchAttributeCheck.check(settings);

    assertThat(outcome).isInstanceOf(Outcome.Unverified.class);
    Outcome.Unverified unverified = (Outcome.Unverified) outcome;
    assertThat(unverified.unknown()).hasSize(TemporalNames.CUSTOM_SEARCH_ATTRIBUTES.size());
    assertThat(unverified.message())
        .contains("listing them: PERMISSION_DENIED")
        .contains("--name ToChannel --type Keyword");
    SearchAttributeCheck.require(settings); // starts, with a warning
  }

  @Test
  void listNotReadable_butRegistrationAllowed_isReady() {
    refusing.denyListing.set(true);
    refusing.denyAdding.set(false);

    assertThat(SearchAttributeCheck.check(settings)).isInstanceOf(Outcome.Ready.class);
  }

  @Test
  void nothingListening_isNotReachable_namingTheAddress() {
    TemporalProperties nowhere = TemporalProperties.plain("127.0.0.1:" + FreePorts.next(), "x");

    assertThatThrownBy(() -> TemporalReachability.require(nowhere))
        .isInstanceOf(TemporalNotUsable.class)
        .hasMessageStartingWith("Temporal at " + nowhere.target() + " is not reachable");
    assertThatThrownBy(() -> SearchAttributeCheck.require(nowhere))
        .isInstanceOf(TemporalNotUsable.class)
        .hasMessageStartingWith("Temporal at " + nowhere.target() + " is not reachable");
  }

  @Test
  void aServerThatAnswersButWillNotDescribeTheNamespace_isLetThrough() {
    refusing.denyDescribingTheNamespace.set(true);

    TemporalReachability.require(settings); // a warning, no refusal
  }

  private void allow(Runnable setUp) {
    refusing.denyAdding.set(false);
    setUp.run();
    refusing.denyAdding.set(true);
  }

  private void add(SearchAttributeKey<?> key, IndexedValueType type) {
    operator
        .blockingStub()
        .addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace("default")
                .putSearchAttributes(key.getName(), type)
                .build());
  }

  private Map<String, IndexedValueType> listed() {
    return operator
        .blockingStub()
        .listSearchAttributes(
            ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
        .getCustomAttributesMap();
  }

  private static String cliType(SearchAttributeKey<?> key) {
    return key.getValueType() == IndexedValueType.INDEXED_VALUE_TYPE_INT ? "Int" : "Keyword";
  }
}
