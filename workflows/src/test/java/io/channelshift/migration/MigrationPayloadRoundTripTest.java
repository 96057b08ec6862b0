package io.channelshift.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The migration's input survives Temporal's data converter, with and without notifications to
 * carry.
 */
class MigrationPayloadRoundTripTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
  private static final MigrationPlan PLAN = MigrationWorkflowTest.plan("m-1", false);

  @Test
  void anInputCarryingNotificationsRoundTrips() {
    MigrationInput input =
        new MigrationInput(
            PLAN,
            "alice",
            null,
            List.of(
                new PendingNotification(
                    new MigrationEvent(
                        "m-1-1-STARTED",
                        "m-1",
                        "STARTED",
                        MigrationPhase.RAMPING,
                        0,
                        0,
                        "alice",
                        "plan"),
                    1_700_000_000_000L)));

    assertThat(roundTrip(input)).isEqualTo(input);
  }

  @Test
  void anInputWrittenBeforeNotificationsWereCarried_readsWithNone() {
    Payloads encoded =
        CONVERTER.toPayloads(new MigrationInput(PLAN, "alice", null, null)).orElseThrow();
    String json = encoded.getPayloads(0).getData().toStringUtf8();
    String older =
        json.replace(",\"undelivered\":null", ""); // as runs before this field wrote their input
    assertThat(older).isNotEqualTo(json).doesNotContain("undelivered");
    Payloads olderPayloads =
        Payloads.newBuilder()
            .addPayloads(encoded.getPayloads(0).toBuilder().setData(ByteString.copyFromUtf8(older)))
            .build();

    MigrationInput read =
        CONVERTER.fromPayloads(
            0, Optional.of(olderPayloads), MigrationInput.class, MigrationInput.class);

    assertThat(read.plan()).isEqualTo(PLAN);
    assertThat(read.undelivered()).isNullOrEmpty();
  }

  private static MigrationInput roundTrip(MigrationInput input) {
    Optional<Payloads> encoded = CONVERTER.toPayloads(input);
    return CONVERTER.fromPayloads(0, encoded, MigrationInput.class, MigrationInput.class);
  }

  /**
   * A plan that keeps the default writes the payload it wrote before the option existed (so such a
   * payload, an older one, reads as keeping the old channel); one that drops it says so and reads
   * back so.
   */
  @Test
  void keepOldChannelAsBackup_isWrittenOnlyWhenFalse_andReadsBack() {
    String json = CONVERTER.toPayloads(PLAN).orElseThrow().getPayloads(0).getData().toStringUtf8();
    assertThat(json).doesNotContain("keepOldChannelAsBackup");
    assertThat(read(json, MigrationPlan.class)).isEqualTo(PLAN);
    assertThat(read(json, MigrationPlan.class).keepOldChannelAsBackup()).isTrue();

    MigrationPlan dropping = MigrationWorkflowTest.withoutOldChannelAsBackup(PLAN);
    String dropped =
        CONVERTER.toPayloads(dropping).orElseThrow().getPayloads(0).getData().toStringUtf8();
    assertThat(dropped).contains("\"keepOldChannelAsBackup\":false");
    assertThat(read(dropped, MigrationPlan.class)).isEqualTo(dropping);
  }

  @Test
  void aWeightChangeSaysKeepFromChannelAsBackupOnlyWhenFalse_andAChangeWithoutItKeepsIt() {
    WeightChange keeping =
        new WeightChange("m-1", "all", "legacy", "nova", 10_000, false, "w", "r");
    WeightChange dropping =
        new WeightChange("m-1", "all", "legacy", "nova", 10_000, false, "w", "r", false);
    String kept =
        CONVERTER.toPayloads(keeping).orElseThrow().getPayloads(0).getData().toStringUtf8();
    String dropped =
        CONVERTER.toPayloads(dropping).orElseThrow().getPayloads(0).getData().toStringUtf8();

    assertThat(kept).doesNotContain("keepFromChannelAsBackup");
    assertThat(read(kept, WeightChange.class)).isEqualTo(keeping);
    assertThat(dropped).contains("\"keepFromChannelAsBackup\":false");
    assertThat(read(dropped, WeightChange.class)).isEqualTo(dropping);
  }

  private static <T> T read(String json, Class<T> type) {
    Payloads payloads =
        Payloads.newBuilder()
            .addPayloads(
                CONVERTER.toPayloads("x").orElseThrow().getPayloads(0).toBuilder()
                    .setData(ByteString.copyFromUtf8(json)))
            .build();
    return CONVERTER.fromPayloads(0, Optional.of(payloads), type, type);
  }
}
