package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.provider.CallbackRejectedException.Kind;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a refused callback leaves in {@code callback_rejections}: evidence against the channel only,
 * once each.
 */
class CallbackRejectionStoreTest {

  private final DataSource db = TestDatabase.get();
  private final JdbcTemplate jdbc = new JdbcTemplate(db);
  private final CallbackStore store = new CallbackStore(db);
  private final String channel = "ch-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void refusalsAnyoneCanProvokeWriteNoRowHoweverMany() {
    for (int i = 0; i < 5_000; i++) {
      Kind kind =
          switch (i % 4) {
            case 0 -> Kind.UNSIGNED;
            case 1 -> Kind.BAD_SIGNATURE;
            case 2 -> Kind.UNREADABLE;
            default -> Kind.REPLAYED;
          };
      assertThat(
              store.recordRejection(
                  channel, kind.name(), kind.evidence(), "forged " + i, "sig-" + i))
          .isFalse();
    }

    assertThat(rows()).isZero();
  }

  @Test
  void aSignedMessageSentAgainCountsOnce() {
    for (int i = 0; i < 1_000; i++) { // one captured stale callback replayed a thousand times
      store.recordRejection(
          channel,
          "STALE",
          Kind.STALE.evidence(),
          "timestamp outside the window",
          "the-one-digest");
    }
    store.recordRejection(
        channel, "FOREIGN", Kind.FOREIGN.evidence(), "merchantId is not ours", "another-digest");
    store.recordRejection(
        channel, "CONTRADICTS_LEDGER", true, "amount 1 is not the order's 100", null);
    store.recordRejection(
        channel, "CONTRADICTS_LEDGER", true, "amount 2 is not the order's 100", null);

    assertThat(rows()).isEqualTo(4);
    assertThat(
            jdbc.queryForList(
                "select kind from callback_rejections where channel = ? and evidence order by id",
                String.class,
                channel))
        .containsExactly("STALE", "FOREIGN", "CONTRADICTS_LEDGER", "CONTRADICTS_LEDGER");
  }

  private long rows() {
    return jdbc.queryForObject(
        "select count(*) from callback_rejections where channel = ?", Long.class, channel);
  }
}
