package io.channelshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.store.MigrationStore.Registration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** At most one running migration per scope, held by the database itself. */
class MigrationStoreTest {

  private final DataSource db = TestDatabase.get();
  private final MigrationStore store = new MigrationStore(db);

  @Test
  void aScopeTakesOneRunningMigrationAndIsFreeAgainWhenItEnds() {
    String scope = "scope-" + UUID.randomUUID();
    String first = "m-" + UUID.randomUUID();
    String second = "m-" + UUID.randomUUID();

    assertThat(store.register(first, scope, "legacy", "nova", "{}", "alice"))
        .isEqualTo(Registration.REGISTERED);
    assertThat(store.register(first, scope, "legacy", "nova", "{}", "alice"))
        .isEqualTo(Registration.SAME_MIGRATION);
    assertThat(store.register(second, scope, "legacy", "nova", "{}", "bob"))
        .isEqualTo(Registration.SCOPE_TAKEN);
    assertThat(store.running(scope).orElseThrow().migrationId()).isEqualTo(first);

    store.finish(first, "ROLLED_BACK: provider down");

    assertThat(store.running(scope)).isEmpty();
    assertThat(store.register(first, scope, "legacy", "nova", "{}", "alice"))
        .isEqualTo(Registration.ID_TAKEN);
    assertThat(store.register(second, scope, "legacy", "nova", "{}", "bob"))
        .isEqualTo(Registration.REGISTERED);
    assertThat(store.find(first).orElseThrow().outcome()).isEqualTo("ROLLED_BACK: provider down");
  }
}
