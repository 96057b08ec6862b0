package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.store.ManualRequests.Action;
import io.channelshift.store.ManualRequests.ManualRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The list of requests by hand, on the real (embedded) PostgreSQL, migrated by Flyway. */
class ManualRequestsTest {

  private final ManualRequests requests = new ManualRequests(TestDatabase.get());
  private final String order = "o-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void eachRequestIsKeptWithWhoAskedWhyAndWhatCameOfIt_newestFirst() {
    requests.record(
        order,
        Action.SETTLE,
        null,
        "alice (key ops-team)",
        "ticket 1",
        "NOT_PAID",
        "AWAITING_PAYMENT",
        "the provider says NOT_PAID; nothing changed");
    requests.record(
        order,
        Action.SETTLE,
        null,
        "bob (key ops-team)",
        "ticket 1 again",
        "SETTLED",
        "PAID",
        "paid");
    requests.record(
        "other-" + order,
        Action.RESEND_REFUND_WEBHOOK,
        "r-1",
        "carol",
        "x",
        "DELIVERED",
        "FULFILLED",
        null);

    assertThat(requests.recent(order, 10))
        .extracting(
            ManualRequest::requestedBy, ManualRequest::outcome, ManualRequest::paymentStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob (key ops-team)", "SETTLED", "PAID"),
            org.assertj.core.groups.Tuple.tuple(
                "alice (key ops-team)", "NOT_PAID", "AWAITING_PAYMENT"));
    assertThat(requests.recent(null, 1))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo(Action.RESEND_REFUND_WEBHOOK);
              assertThat(r.refundId()).isEqualTo("r-1");
              assertThat(r.requestedAt()).isNotNull();
            });
  }

  @Test
  void theTableTakesOnlyTheActionsThereAre() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new JdbcTemplate(TestDatabase.get())
                    .update(
                        "insert into manual_requests (order_id, action, requested_by, reason, outcome)"
                            + " values (?, 'REFUND_BY_HAND', 'x', 'y', 'z')",
                        order))
        .isInstanceOf(DataIntegrityViolationException.class);
  }
}
