package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.health.Reroute;
import io.channelshift.health.RerouteResult;
import io.channelshift.health.RerouteResult.Outcome;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.MigrationStore.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Who owns a scope's routing table, decided where the table is written: a migration running on the
 * scope, or the scope's health workflow while it is failed over; never both.
 */
class ScopeFailoverStoreTest {

  private final DataSource db = TestDatabase.get();
  private final RoutingStore routing = new RoutingStore(db);
  private final MigrationStore migrations = new MigrationStore(db);
  private final ScopeFailoverStore failovers = new ScopeFailoverStore(db);

  @Test
  void aFailoverWritesTheTableAndMarksTheScope_aRetryAnswersTheSameVersion_aFailbackClearsIt() {
    String scope = scope();
    RoutingTable before =
        routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova"), "t", "seed");

    RerouteResult over = failovers.reroute(failover(scope, before.version()));
    RerouteResult retried = failovers.reroute(failover(scope, before.version()));

    assertThat(over.outcome()).isEqualTo(Outcome.WRITTEN);
    assertThat(retried).isEqualTo(over);
    RoutingTable table = routing.current(scope).orElseThrow();
    assertThat(table.version()).isEqualTo(over.version());
    assertThat(table.weightsBps()).isEqualTo(Map.of("nova", 9_900, "legacy", 100));
    assertThat(table.backups()).containsExactly("legacy");
    assertThat(failovers.failedOver(scope).orElseThrow().toChannel()).isEqualTo("nova");
    assertThat(reasonOf(over.version())).contains("failover legacy → nova", "createSuccessRate");

    RerouteResult back =
        failovers.reroute(
            new Reroute(
                scope,
                Reroute.Kind.FAILBACK,
                over.version(),
                Map.of("legacy", 10_000),
                List.of("nova"),
                "nova",
                "legacy",
                "workflow",
                "healthy"));
    assertThat(back.outcome()).isEqualTo(Outcome.WRITTEN);
    assertThat(failovers.failedOver(scope)).isEmpty();
  }

  @Test
  void aTableWrittenSinceTheWorkflowLookedIsNotOverwritten() {
    String scope = scope();
    RoutingTable before =
        routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova"), "t", "seed");
    routing.write(
        scope, Map.of("legacy", 10_000), null, List.of("nova", "third"), "alice", "backups");

    RerouteResult r = failovers.reroute(failover(scope, before.version()));

    assertThat(r.outcome()).isEqualTo(Outcome.TABLE_CHANGED);
    assertThat(routing.current(scope).orElseThrow().backups()).containsExactly("nova", "third");
    assertThat(failovers.failedOver(scope)).isEmpty();
  }

  @Test
  void aRunningMigrationOwnsTheTable_theFailoverIsRefusedNamingIt() {
    String scope = scope();
    RoutingTable before =
        routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova"), "t", "seed");
    migrations.register("m-" + scope, scope, "legacy", "nova", "{}", "alice");

    RerouteResult r = failovers.reroute(failover(scope, before.version()));

    assertThat(r.outcome()).isEqualTo(Outcome.MIGRATION_RUNNING);
    assertThat(r.detail()).contains("m-" + scope, "owns its routing table");
    assertThat(routing.current(scope).orElseThrow().version()).isEqualTo(before.version());
  }

  @Test
  void aMigrationCannotRegisterOnAFailedOverScope() {
    String scope = scope();
    RoutingTable before =
        routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova"), "t", "seed");
    failovers.reroute(failover(scope, before.version()));

    assertThat(migrations.register("m-" + scope, scope, "nova", "x", "{}", "alice"))
        .isEqualTo(Registration.SCOPE_FAILED_OVER);
    assertThat(migrations.running(scope)).isEmpty();
    assertThat(migrations.failedOver(scope)).isPresent();
  }

  /** Both want the scope at the same instant, many times over: exactly one wins each time. */
  @Test
  void aMigrationAndAFailoverRacingForTheSameScopeNeverBothWin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String scope = scope();
        RoutingTable before =
            routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova"), "t", "seed");
        CountDownLatch go = new CountDownLatch(1);
        Callable<Registration> migration =
            () -> {
              go.await();
              return migrations.register("m-" + scope, scope, "legacy", "nova", "{}", "alice");
            };
        Callable<RerouteResult> failover =
            () -> {
              go.await();
              return failovers.reroute(failover(scope, before.version()));
            };
        List<Future<?>> both = new ArrayList<>();
        both.add(pool.submit(migration));
        both.add(pool.submit(failover));
        go.countDown();
        Registration registered = (Registration) both.get(0).get();
        RerouteResult rerouted = (RerouteResult) both.get(1).get();

        boolean migrationWon = registered == Registration.REGISTERED;
        boolean failoverWon = rerouted.outcome() == Outcome.WRITTEN;
        assertThat(migrationWon ^ failoverWon).as("round %d: exactly one wins", round).isTrue();
        if (migrationWon) {
          assertThat(rerouted.outcome()).isEqualTo(Outcome.MIGRATION_RUNNING);
          assertThat(routing.current(scope).orElseThrow().version()).isEqualTo(before.version());
        } else {
          assertThat(registered).isEqualTo(Registration.SCOPE_FAILED_OVER);
          assertThat(migrations.running(scope)).isEmpty();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Reroute failover(String scope, long expected) {
    return new Reroute(
        scope,
        Reroute.Kind.FAILOVER,
        expected,
        Map.of("nova", 9_900, "legacy", 100),
        List.of("legacy"),
        "legacy",
        "nova",
        "workflow",
        "automatic: gates createSuccessRate failed 3 evaluations in a row");
  }

  private String reasonOf(long version) {
    return new org.springframework.jdbc.core.JdbcTemplate(db)
        .queryForObject(
            "select reason from routing_tables where version = ?", String.class, version);
  }

  private static String scope() {
    return "scope-" + UUID.randomUUID();
  }
}
