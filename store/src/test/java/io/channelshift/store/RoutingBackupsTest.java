package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.routing.RoutingTable;
import io.channelshift.store.MigrationStore.Registration;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An engineer replaces a scope's backup channels: a new version with the same weights, never while
 * a migration owns the scope's table, against a real PostgreSQL.
 */
class RoutingBackupsTest {

  private final DataSource db = TestDatabase.get();
  private final RoutingStore routing = new RoutingStore(db);
  private final MigrationStore migrations = new MigrationStore(db);
  private final String scope = "scope-" + UUID.randomUUID();

  @Nested
  class Replacing {

    @Test
    void aNewVersionKeepsTheWeightsAndRampingChannel_withTheNewBackupsInOrder() {
      RoutingTable before =
          routing.write(scope, Map.of("legacy", 7_500, "nova", 2_500), "nova", "test", "ramp");

      BackupsChange change =
          routing.replaceBackups(scope, List.of("alipay", "legacy"), "alice (key eng)", "freeze");

      RoutingTable written = ((BackupsChange.Written) change).table();
      assertThat(written.version()).isGreaterThan(before.version());
      assertThat(written.weightsBps()).isEqualTo(before.weightsBps());
      assertThat(written.ramping()).isEqualTo("nova");
      assertThat(written.backups()).containsExactly("alipay", "legacy");
      assertThat(routing.current(scope)).contains(written);
      assertThat(recorded(written.version())).isEqualTo("alice (key eng) | freeze");
    }

    @Test
    void theSameBackupsAgain_answerTheTableInForce_andWriteNothing() {
      routing.write(scope, Map.of("legacy", 10_000), null, "test", "first");
      RoutingTable written =
          ((BackupsChange.Written) routing.replaceBackups(scope, List.of("nova"), "a", "r"))
              .table();

      BackupsChange again = routing.replaceBackups(scope, List.of("nova"), "a", "r");

      assertThat(again).isEqualTo(new BackupsChange.Unchanged(written));
      assertThat(routing.current(scope).orElseThrow().version()).isEqualTo(written.version());
    }

    @Test
    void theSameChannelsInAnotherOrder_areANewTable() {
      routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova", "alipay"), "t", "r");

      BackupsChange change = routing.replaceBackups(scope, List.of("alipay", "nova"), "a", "r");

      assertThat(change).isInstanceOf(BackupsChange.Written.class);
      assertThat(routing.current(scope).orElseThrow().backups()).containsExactly("alipay", "nova");
    }

    @Test
    void anEmptyListClearsTheBackups() {
      routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova"), "t", "r");

      routing.replaceBackups(scope, List.of(), "a", "no backup any more");

      assertThat(routing.current(scope).orElseThrow().backups()).isEmpty();
    }

    @Test
    void aScopeWithoutATable_isNoTable_andNothingIsWritten() {
      assertThat(routing.replaceBackups(scope, List.of("nova"), "a", "r"))
          .isEqualTo(new BackupsChange.NoTable(scope));
      assertThat(routing.current(scope)).isEmpty();
    }

    @Test
    void aChannelListedTwice_isRefusedBeforeAnythingIsWritten() {
      RoutingTable before = routing.write(scope, Map.of("legacy", 10_000), null, "t", "r");

      assertThatThrownBy(() -> routing.replaceBackups(scope, List.of("nova", "nova"), "a", "r"))
          .hasMessageContaining("twice");
      assertThat(routing.current(scope)).contains(before);
    }
  }

  @Nested
  class AMigrationOwnsTheTable {

    @Test
    void whileOneRuns_nothingIsWritten_andItsIdIsTheAnswer() {
      RoutingTable before = routing.write(scope, Map.of("legacy", 10_000), null, "t", "r");
      String id = "m-" + UUID.randomUUID();
      migrations.register(id, scope, "legacy", "nova", "{}", "bob");

      assertThat(routing.replaceBackups(scope, List.of("nova"), "a", "r"))
          .isEqualTo(new BackupsChange.MigrationRunning(id));
      assertThat(routing.current(scope)).contains(before);

      migrations.finish(id, "COMPLETED: done");

      assertThat(routing.replaceBackups(scope, List.of("nova"), "a", "r"))
          .isInstanceOf(BackupsChange.Written.class);
    }

    @Test
    void aMigrationOnAnotherScope_doesNotStopIt() {
      routing.write(scope, Map.of("legacy", 10_000), null, "t", "r");
      migrations.register(
          "m-" + UUID.randomUUID(), "other-" + UUID.randomUUID(), "legacy", "nova", "{}", "bob");

      assertThat(routing.replaceBackups(scope, List.of("nova"), "a", "r"))
          .isInstanceOf(BackupsChange.Written.class);
    }

    /**
     * A registration still in its transaction (it holds the write lock, its row not yet visible)
     * holds the change off; once it commits, the change sees it. Without the lock the change would
     * read no running migration and write under the migration's feet.
     */
    @Test
    void aRegistrationUnderWay_holdsTheChangeOff_untilItCommits_andIsThenSeen() throws Exception {
      RoutingTable before = routing.write(scope, Map.of("legacy", 10_000), null, "t", "r");
      String id = "m-" + UUID.randomUUID();
      try (Connection registering = db.getConnection()) {
        registering.setAutoCommit(false);
        try (Statement sql = registering.createStatement()) {
          sql.execute("select pg_advisory_xact_lock(hashtext('routing_tables:in_force'))");
          sql.execute(
              "insert into migrations (migration_id, scope, from_channel, to_channel, plan,"
                  + " started_by) values ('"
                  + id
                  + "', '"
                  + scope
                  + "', 'legacy', 'nova', '{}', 'bob')");
        }
        CompletableFuture<BackupsChange> change =
            CompletableFuture.supplyAsync(
                () -> routing.replaceBackups(scope, List.of("nova"), "a", "r"));

        assertThatThrownBy(() -> change.get(500, TimeUnit.MILLISECONDS))
            .isInstanceOf(TimeoutException.class);
        registering.commit();

        assertThat(change.get(10, TimeUnit.SECONDS))
            .isEqualTo(new BackupsChange.MigrationRunning(id));
      }
      assertThat(routing.current(scope)).contains(before);
    }

    /** The other side of the same order: a registration waits while a table is being written. */
    @Test
    void aRegistrationWaitsWhileATableIsBeingWritten() throws Exception {
      try (Connection writing = db.getConnection()) {
        writing.setAutoCommit(false);
        try (Statement sql = writing.createStatement()) {
          sql.execute("select pg_advisory_xact_lock(hashtext('routing_tables:in_force'))");
        }
        CompletableFuture<Registration> registration =
            CompletableFuture.supplyAsync(
                () ->
                    migrations.register(
                        "m-" + UUID.randomUUID(), scope, "legacy", "nova", "{}", "bob"));

        assertThatThrownBy(() -> registration.get(500, TimeUnit.MILLISECONDS))
            .isInstanceOf(TimeoutException.class);
        writing.commit();

        assertThat(registration.get(10, TimeUnit.SECONDS)).isEqualTo(Registration.REGISTERED);
      }
    }

    /**
     * Changes and a registration started together: every change written is older than the
     * registration, every change after it is refused, and the table ends as the last written.
     */
    @Test
    void changesRacingARegistration_areEachEitherBeforeItOrRefused() throws Exception {
      routing.write(scope, Map.of("legacy", 10_000), null, "t", "r");
      String id = "m-" + UUID.randomUUID();
      ExecutorService pool = Executors.newFixedThreadPool(11);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<BackupsChange>> changes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          List<String> backups = i % 2 == 0 ? List.of("nova") : List.of("alipay");
          changes.add(
              pool.submit(
                  () -> {
                    go.await();
                    return routing.replaceBackups(scope, backups, "a", "r");
                  }));
        }
        Future<Registration> registration =
            pool.submit(
                () -> {
                  go.await();
                  return migrations.register(id, scope, "legacy", "nova", "{}", "bob");
                });
        go.countDown();

        assertThat(registration.get(30, TimeUnit.SECONDS)).isEqualTo(Registration.REGISTERED);
        long registeredAt = registeredAt(id);
        long lastWritten = 0;
        for (Future<BackupsChange> f : changes) {
          BackupsChange change = f.get(30, TimeUnit.SECONDS);
          if (change instanceof BackupsChange.Written written) {
            assertThat(writtenAt(written.table().version())).isLessThan(registeredAt);
            lastWritten = Math.max(lastWritten, written.table().version());
          } else if (!(change instanceof BackupsChange.Unchanged)) {
            assertThat(change).isEqualTo(new BackupsChange.MigrationRunning(id));
          }
        }
        if (lastWritten > 0) {
          assertThat(routing.current(scope).orElseThrow().version()).isEqualTo(lastWritten);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void theFirstTableOfAScopeCarriesItsConfiguredBackups_andAnExistingTableIsLeftAsItIs() {
    routing.ensureInitial(scope, "legacy", List.of("nova"), "bootstrap");
    routing.ensureInitial(scope, "legacy", List.of("alipay"), "bootstrap");

    RoutingTable first = routing.current(scope).orElseThrow();
    assertThat(first.weightsBps()).isEqualTo(Map.of("legacy", RoutingTable.FULL));
    assertThat(first.backups()).containsExactly("nova");
  }

  private String recorded(long version) {
    return new org.springframework.jdbc.core.JdbcTemplate(db)
        .queryForObject(
            "select created_by || ' | ' || reason from routing_tables where version = ?",
            String.class,
            version);
  }

  /** Both taken with clock_timestamp() under the write lock: they order the two writes. */
  private long writtenAt(long version) {
    return micros("select created_at from routing_tables where version = ?", version);
  }

  private long registeredAt(String id) {
    return micros("select started_at from migrations where migration_id = ?", id);
  }

  private long micros(String sql, Object key) {
    java.sql.Timestamp t =
        new org.springframework.jdbc.core.JdbcTemplate(db)
            .queryForObject(sql, java.sql.Timestamp.class, key);
    return t.getTime() * 1000 + (t.getNanos() / 1000) % 1000;
  }
}
