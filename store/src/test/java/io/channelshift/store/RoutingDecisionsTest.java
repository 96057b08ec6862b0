package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.PaymentStore.RouteClaim;
import io.channelshift.store.RoutingDecisions.Confirmation;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The owner of "which routing table is in force": its rule in memory, the same rule as SQL, and the
 * confirm step of the flow.
 */
class RoutingDecisionsTest {

  private final DataSource db = TestDatabase.get();
  private final RoutingStore routing = new RoutingStore(db);
  private final PaymentStore payments = new PaymentStore(db);

  @Test
  void aProductTypesOwnScopeIsInForce_elseAll_elseNone() {
    RoutingTable all = RoutingTable.single(RoutingTable.ALL, 1, "legacy");
    RoutingTable own = RoutingTable.single("game", 2, "nova");
    Map<String, RoutingTable> newest = new HashMap<>();

    assertThat(RoutingDecisions.inForce("game", newest::get)).isEmpty();
    newest.put(RoutingTable.ALL, all);
    assertThat(RoutingDecisions.inForce("game", newest::get)).contains(all);
    newest.put("game", own);
    assertThat(RoutingDecisions.inForce("game", newest::get)).contains(own);
    assertThat(RoutingDecisions.inForce("vip", newest::get)).contains(all);
  }

  @Test
  void theSqlPicksWhatTheRulePicks() {
    String productType = "scope-" + UUID.randomUUID();
    routing.ensureInitial(RoutingTable.ALL, "legacy", "test");
    Map<String, RoutingTable> newest = new HashMap<>();
    routing.allCurrent().forEach(t -> newest.put(t.scope(), t));

    assertThat(routing.inForce(productType))
        .isEqualTo(RoutingDecisions.inForce(productType, newest::get));

    RoutingTable own = routing.write(productType, Map.of("nova", 10_000), null, "test", "own");
    routing.allCurrent().forEach(t -> newest.put(t.scope(), t));

    assertThat(routing.inForce(productType))
        .contains(own)
        .isEqualTo(RoutingDecisions.inForce(productType, newest::get));
  }

  @Test
  void confirmingAStaleDecisionNamesTheTableNowInForce() {
    String productType = "scope-" + UUID.randomUUID();
    RoutingTable v1 = routing.write(productType, Map.of("legacy", 10_000), null, "test", "v1");
    CreateOrderCommand onV1 = RoutingStoreTest.command(productType, "legacy", v1.version());
    RoutingTable v2 = routing.write(productType, Map.of("nova", 10_000), null, "test", "v2");

    Confirmation stale = RoutingDecisions.confirm(payments, routing, onV1);
    assertThat(stale.outcome()).isEqualTo(RouteClaim.STALE);
    assertThat(stale.inForce()).isEqualTo(v2);

    CreateOrderCommand onV2 = onV1.withRoute("nova", v2.version());
    assertThat(RoutingDecisions.confirm(payments, routing, onV2).outcome())
        .isEqualTo(RouteClaim.CLAIMED);
    Confirmation again = RoutingDecisions.confirm(payments, routing, onV2);
    assertThat(again.outcome()).isEqualTo(RouteClaim.ALREADY_RECORDED);
    assertThat(again.recorded().channel()).isEqualTo("nova");
    assertThat(again.inForce()).isNull();
  }
}
