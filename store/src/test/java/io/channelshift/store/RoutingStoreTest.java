package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.PaymentStore.RouteClaim;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Routing tables, their cache and the route check at record time, against a real PostgreSQL. */
class RoutingStoreTest {

  private final DataSource db = TestDatabase.get();
  private final RoutingStore routing = new RoutingStore(db);
  private final PaymentStore payments = new PaymentStore(db);

  @Test
  void theFirstTableOfAScopeIsWrittenOnce() {
    String scope = newScope();

    routing.ensureInitial(scope, "legacy", "test");
    routing.ensureInitial(scope, "nova", "test");

    RoutingTable current = routing.current(scope).orElseThrow();
    assertThat(current.weightsBps()).isEqualTo(Map.of("legacy", RoutingTable.FULL));
  }

  @Test
  void everyNewTableGetsAHigherVersionThanAnyBefore_overAllScopes() {
    String a = newScope();
    String b = newScope();
    RoutingTable first = routing.write(a, Map.of("legacy", 10_000), null, "test", "first");
    RoutingTable second = routing.write(b, Map.of("legacy", 10_000), null, "test", "second");
    RoutingTable third =
        routing.write(a, Map.of("legacy", 9_900, "nova", 100), "nova", "test", "ramp");

    assertThat(second.version()).isGreaterThan(first.version());
    assertThat(third.version()).isGreaterThan(second.version());
    assertThat(routing.current(a)).contains(third);
    assertThat(routing.latestVersion()).isGreaterThanOrEqualTo(third.version());
  }

  @Test
  void aTablesBackupsAreKeptInOrder_andATableWithoutBackupsReadsAsNone() {
    String scope = newScope();
    RoutingTable without = routing.write(scope, Map.of("legacy", 10_000), null, "test", "none");
    assertThat(routing.current(scope).orElseThrow().backups()).isEmpty();

    RoutingTable with =
        routing.write(
            scope, Map.of("legacy", 10_000), null, List.of("nova", "alipay"), "test", "backups");

    assertThat(with.version()).isGreaterThan(without.version());
    assertThat(routing.current(scope)).contains(with);
    assertThat(routing.inForce(scope).orElseThrow().backups()).containsExactly("nova", "alipay");
    assertThat(with.backupsAfter("nova")).containsExactly("alipay");
  }

  @Test
  void aBackupListedTwiceIsRefusedBeforeAnythingIsWritten() {
    String scope = newScope();

    assertThatThrownBy(
            () ->
                routing.write(
                    scope, Map.of("legacy", 10_000), null, List.of("nova", "nova"), "t", "bad"))
        .hasMessageContaining("twice");
    assertThat(routing.current(scope)).isEmpty();
  }

  @Test
  void aTableThatDoesNotAddUpIsRefusedBeforeAnythingIsWritten() {
    String scope = newScope();

    assertThatThrownBy(() -> routing.write(scope, Map.of("legacy", 9_000), null, "test", "bad"))
        .hasMessageContaining("10000");
    assertThat(routing.current(scope)).isEmpty();
  }

  @Test
  void aProductTypesOwnTableTakesPrecedenceOverAll() {
    String productType = newScope();
    RoutingTable all =
        routing
            .current(RoutingTable.ALL)
            .orElseGet(
                () ->
                    routing.write(RoutingTable.ALL, Map.of("legacy", 10_000), null, "test", "all"));

    assertThat(routing.inForce(productType).orElseThrow().scope()).isEqualTo(RoutingTable.ALL);
    RoutingTable own = routing.write(productType, Map.of("nova", 10_000), null, "test", "own");

    assertThat(routing.inForce(productType)).contains(own);
    assertThat(all.scope()).isEqualTo(RoutingTable.ALL);
  }

  @Test
  void theCacheFollowsANewVersionWithinMilliseconds() throws Exception {
    String scope = newScope();
    try (RoutingCache cache = new RoutingCache(db, routing).start()) {
      assertThat(cache.listening()).isTrue();
      RoutingTable written =
          routing.write(scope, Map.of("legacy", 7_500, "nova", 2_500), "nova", "test", "ramp");

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (cache.version() < written.version() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }

      assertThat(cache.version()).isGreaterThanOrEqualTo(written.version());
      assertThat(cache.inForce(scope)).contains(written);
    }
  }

  @Test
  void aPaymentIsRecordedOnlyOnTheTableInForce() {
    String productType = newScope();
    RoutingTable v1 = routing.write(productType, Map.of("legacy", 10_000), null, "test", "v1");
    CreateOrderCommand onV1 = command(productType, "legacy", v1.version());

    assertThat(payments.claimRoute(onV1).outcome()).isEqualTo(RouteClaim.CLAIMED);
    assertThat(payments.claimRoute(onV1).outcome()).isEqualTo(RouteClaim.ALREADY_RECORDED);
    assertThat(payments.claimRoute(onV1).recorded().channel()).isEqualTo("legacy");

    routing.write(productType, Map.of("legacy", 9_000, "nova", 1_000), "nova", "test", "v2");
    CreateOrderCommand lateOnV1 = command(productType, "legacy", v1.version());

    assertThat(payments.claimRoute(lateOnV1).outcome()).isEqualTo(RouteClaim.STALE);
    assertThat(payments.find(lateOnV1.orderId())).isEmpty();
  }

  static CreateOrderCommand command(String productType, String channel, long version) {
    return new CreateOrderCommand(
        "o-" + UUID.randomUUID(),
        "user-1",
        1000,
        "CNY",
        productType,
        "card",
        "203.0.113.9",
        channel,
        version,
        System.currentTimeMillis() + 60_000);
  }

  private static String newScope() {
    return "scope-" + UUID.randomUUID();
  }
}
