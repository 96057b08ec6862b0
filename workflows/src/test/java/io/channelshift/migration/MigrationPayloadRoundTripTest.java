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
}
