package io.channelshift.activities.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.activities.fulfilment.WebhookSender;
import io.channelshift.activities.fulfilment.WebhookSettings;
import io.channelshift.health.HealthMeasureRequest;
import io.channelshift.health.HealthSettings;
import io.channelshift.health.ScopeMeasurement;
import io.channelshift.health.ScopeView;
import io.channelshift.migration.Gate;
import io.channelshift.store.GateStore;
import io.channelshift.store.MigrationStore;
import io.channelshift.store.RoutingStore;
import io.channelshift.store.ScopeFailoverStore;
import io.channelshift.store.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The health workflow's view of a scope and its measurements, from the real store. */
class ChannelHealthActivitiesImplTest {

  private final DataSource db = TestDatabase.get();
  private final RoutingStore routing = new RoutingStore(db);
  private final MigrationStore migrations = new MigrationStore(db);
  private final ChannelHealthActivitiesImpl activities =
      new ChannelHealthActivitiesImpl(
          routing,
          new GateStore(db),
          migrations,
          new ScopeFailoverStore(db),
          new WebhookSender(
              new WebhookSettings(
                  "http://127.0.0.1:9/unused", "a-test-secret-of-16+chars", Duration.ofSeconds(1)),
              Clock.systemUTC(),
              new SimpleMeterRegistry()),
          () -> HealthSettings.DEFAULTS);
  private final String scope = "scope-" + UUID.randomUUID();

  @Test
  void theViewIsTheScopesOwnTableTheMigrationOwningItAndTheSettings() {
    routing.write(scope, Map.of("legacy", 10_000), null, List.of("nova"), "t", "seed");
    migrations.register("m-" + scope, scope, "legacy", "nova", "{}", "alice");

    ScopeView view = activities.look(scope);

    assertThat(view.table().backups()).containsExactly("nova");
    assertThat(view.migrationId()).isEqualTo("m-" + scope);
    assertThat(view.settings()).isEqualTo(HealthSettings.DEFAULTS);
    assertThat(activities.look("no-such-" + scope).table()).isNull();
  }

  @Test
  void everyChannelIsMeasuredOnTheGateQueriesInTheSameWindow() {
    String a = "a-" + UUID.randomUUID();
    String b = "b-" + UUID.randomUUID();
    long now = System.currentTimeMillis();
    seed(a, 40, 10); // 10 of 40 creates answered
    seed(b, 30, 30);

    ScopeMeasurement m =
        activities.measure(
            new HealthMeasureRequest("all", List.of(a, b), now - 60_000, now + 60_000));

    assertThat(m.channels().get(a).get(Gate.CREATE_SUCCESS_RATE).value()).isEqualTo(0.25);
    assertThat(m.channels().get(a).get(Gate.CREATE_SUCCESS_RATE).samples()).isEqualTo(40);
    assertThat(m.channels().get(b).get(Gate.CREATE_SUCCESS_RATE).value()).isEqualTo(1.0);
  }

  private void seed(String channel, int n, int created) {
    new JdbcTemplate(db)
        .update(
            """
            insert into payments (order_id, user_id, amount_minor, currency, product_type, channel,
                                  routing_version, status, expires_at, created_at, create_outcome,
                                  create_latency_ms, paid_amount_minor)
            select ? || '-' || g, 'u' || g, 1000, 'CNY', 'game', ?, 1, 'AWAITING_PAYMENT',
                   now() + interval '1 day', now(),
                   case when g <= ? then 'PROCESSED' else 'UNKNOWN' end, 100, 0
              from generate_series(1, ?) g
            """,
            channel,
            channel,
            created,
            n);
  }
}
