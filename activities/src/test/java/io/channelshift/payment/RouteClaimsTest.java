package io.channelshift.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.routing.RoutingTable;
import io.channelshift.store.PaymentStore;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.TestDatabase;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A payment decided on a table that was replaced before it was recorded moves to the table in force. */
class RouteClaimsTest {

  private final DataSource db = TestDatabase.get();
  private final RoutingStore routing = new RoutingStore(db);
  private final PaymentStore payments = new PaymentStore(db);
  private final RouteClaims claims = new RouteClaims(payments, routing);
  private final String productType = "pt-" + UUID.randomUUID();

  @Test
  void aPaymentOnTheTableInForceKeepsItsRoute() {
    RoutingTable v1 = routing.write(productType, Map.of("legacy", 10_000), null, "test", "v1");

    assertThat(claims.claim(command("legacy", v1.version()))).isNull();
  }

  @Test
  void aPaymentDecidedBeforeARollbackIsRecordedOnTheRolledBackTable() {
    RoutingTable ramp = routing.write(productType, Map.of("legacy", 5_000, "nova", 5_000), "nova", "test", "ramp");
    RoutingTable rollback = routing.write(productType, Map.of("legacy", 10_000), null, "test", "rollback");
    CreateOrderCommand decidedOnRamp = command("nova", ramp.version());

    RouteDecision moved = claims.claim(decidedOnRamp);

    assertThat(moved.channel()).isEqualTo("legacy");
    assertThat(moved.tableVersion()).isEqualTo(rollback.version());
    assertThat(payments.find(decidedOnRamp.orderId()).orElseThrow().channel()).isEqualTo("legacy");
    // A retry of the same create keeps the route the first attempt recorded.
    assertThat(claims.claim(decidedOnRamp)).isEqualTo(moved);
  }

  private CreateOrderCommand command(String channel, long version) {
    return new CreateOrderCommand("o-" + UUID.randomUUID(), "user-" + UUID.randomUUID(), 1000, "CNY", productType,
        "card", "203.0.113.9", channel, version, System.currentTimeMillis() + 60_000);
  }
}
