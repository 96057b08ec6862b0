package io.channelshift.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link MigrationStatus} keeps its flat JSON: what histories recorded before it was built by name
 * (an update's answer, the state a run carried across continue-as-new) reads back with every value
 * and writes back the same, key for key and in the same order. The samples are taken from the
 * committed histories, so they are exactly what earlier code wrote.
 */
class MigrationStatusJsonTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The mapper Temporal's default data converter writes payloads with. */
  private static final ObjectMapper TEMPORAL_JSON =
      JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private static final Path HISTORIES = MigrationReplayTest.HISTORIES;

  @Test
  void anUpdateAnswerFromTheOldestHistory_readsEveryComponentAndWritesTheSameJson()
      throws Exception {
    JsonNode history = JSON.readTree(HISTORIES.resolve("migration-completed-v1.json").toFile());
    JsonNode payload =
        events(history).stream()
            .filter(e -> e.has("workflowExecutionUpdateCompletedEventAttributes"))
            .findFirst()
            .orElseThrow()
            .at("/workflowExecutionUpdateCompletedEventAttributes/outcome/success/payloads/0");
    String original = data(payload);

    MigrationStatus read = read(payload, MigrationStatus.class);

    assertEveryComponent(read, JSON.readTree(original));
    assertSameJson(write(read), original);
  }

  @Test
  void aCarriedStatusFromBeforeTheChange_readsEveryComponentAndWritesTheSameInput()
      throws Exception {
    JsonNode history =
        JSON.readTree(HISTORIES.resolve("migration-carried-notifications-run2-v3.json").toFile());
    JsonNode payload =
        events(history).get(0).at("/workflowExecutionStartedEventAttributes/input/payloads/0");
    String original = data(payload);

    MigrationInput input = read(payload, MigrationInput.class);

    assertThat(input.carried()).isNotNull();
    assertEveryComponent(input.carried(), JSON.readTree(original).get("carried"));
    assertThat(input.carried().phase()).isEqualTo(MigrationPhase.BAKING);
    assertThat(input.carried().baking()).isTrue();
    assertThat(input.carried().continuedAsNew()).isEqualTo(1);
    assertSameJson(write(input), original);
  }

  @Test
  void aResumedStateSnapshotsExactlyWhatItCarried() throws Exception {
    JsonNode history =
        JSON.readTree(HISTORIES.resolve("migration-carried-notifications-run2-v3.json").toFile());
    MigrationStatus carried =
        read(
                events(history)
                    .get(0)
                    .at("/workflowExecutionStartedEventAttributes/input/payloads/0"),
                MigrationInput.class)
            .carried();

    assertThat(MigrationState.resume(carried).snapshot()).isEqualTo(carried);
  }

  @Test
  void aNewMigrationStartsWithTheSameStatusAsBefore() {
    MigrationPlan plan = MigrationWorkflowTest.plan("m-1", false);
    long now = 1_700_000_000_000L;

    MigrationStatus status = MigrationState.start(plan, now, "alice").snapshot();

    assertThat(status)
        .usingRecursiveComparison()
        .ignoringFields("timeline")
        .isEqualTo(
            new MigrationStatus(
                plan.migrationId(),
                plan.fromChannel(),
                plan.toChannel(),
                plan.scope(),
                MigrationPhase.RAMPING,
                plan.startAtStep(),
                0,
                0,
                0,
                0,
                List.of(),
                null,
                now,
                now,
                0,
                0,
                0,
                0,
                now,
                0,
                false,
                List.of()));
    assertThat(status.timeline()).extracting(TimelineEntry::event).containsExactly("STARTED");
  }

  /** Every component is in the JSON under its own name, with the value read; nothing else is. */
  private static void assertEveryComponent(MigrationStatus status, JsonNode json) throws Exception {
    RecordComponent[] components = MigrationStatus.class.getRecordComponents();
    assertThat(components).hasSize(22);
    assertThat(fieldNames(json))
        .containsExactly(
            java.util.Arrays.stream(components)
                .map(RecordComponent::getName)
                .toArray(String[]::new));
    for (RecordComponent c : components) {
      JsonNode value =
          TEMPORAL_JSON.readTree(TEMPORAL_JSON.writeValueAsString(c.getAccessor().invoke(status)));
      assertThat(value).as(c.getName()).isEqualTo(json.get(c.getName()));
    }
  }

  private static void assertSameJson(String written, String original) throws Exception {
    assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree(original));
    assertThat(written).isEqualTo(original);
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = json.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static List<JsonNode> events(JsonNode history) {
    return StreamSupport.stream(history.get("events").spliterator(), false).toList();
  }

  private static String data(JsonNode payload) {
    return new String(
        Base64.getDecoder().decode(payload.get("data").asText()), StandardCharsets.UTF_8);
  }

  private static <T> T read(JsonNode payload, Class<T> type) {
    Payload.Builder p = Payload.newBuilder();
    payload
        .get("metadata")
        .fields()
        .forEachRemaining(
            m ->
                p.putMetadata(
                    m.getKey(),
                    ByteString.copyFrom(Base64.getDecoder().decode(m.getValue().asText()))));
    p.setData(ByteString.copyFrom(Base64.getDecoder().decode(payload.get("data").asText())));
    return CONVERTER.fromPayloads(
        0, Optional.of(Payloads.newBuilder().addPayloads(p).build()), type, type);
  }

  private static String write(Object value) {
    return CONVERTER.toPayloads(value).orElseThrow().getPayloads(0).getData().toStringUtf8();
  }
}
