package io.channelshift.activities.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.fees.ChannelFees;
import io.channelshift.provider.ProviderErrorType;
import io.channelshift.provider.ProviderException;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.provider.StatementReader;
import io.channelshift.provider.UnusedCallsProvider;
import io.channelshift.reconciliation.ReconciliationActivities;
import io.channelshift.reconciliation.ReconciliationRequest;
import io.channelshift.reconciliation.StagedStatement;
import io.channelshift.reconciliation.StatementLine;
import io.channelshift.store.ReconciliationStore;
import io.channelshift.store.TestDatabase;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statement is staged page by page with a heartbeat per page; a worker that dies half way is
 * retried with the last heartbeat, and the retry reads on from there: nothing fetched twice,
 * nothing staged twice, nothing lost.
 */
class StageStatementTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final int LINES = 23;
  private static final int PAGE = 5;

  private final DataSource dataSource = TestDatabase.get();
  private final String channel = "st" + UUID.randomUUID().toString().substring(0, 8);
  private final CountingProvider provider = new CountingProvider(channel);
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final AtomicLong lastHeartbeat = new AtomicLong();

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void aCrashedFetchResumesAfterTheLastLineItReported() {
    ReconciliationActivities activities = activities();
    provider.failAfterLines = 12; // the worker "dies" while fetching the third page

    assertThatThrownBy(
        () -> activities.stageStatement(new ReconciliationRequest(channel, DAY.toString())));
    assertThat(staged()).isEqualTo(10); // two whole pages made it to the database
    // Heartbeats are throttled, by Temporal as here: the last one delivered may be behind the last
    // page staged.
    long reported = lastHeartbeat.get();
    assertThat(reported).isPositive().isLessThanOrEqualTo(10).isEqualTo(reported / PAGE * PAGE);

    provider.failAfterLines = Long.MAX_VALUE;
    env.setHeartbeatDetails(reported); // what Temporal hands the retry
    StagedStatement staged =
        activities.stageStatement(new ReconciliationRequest(channel, DAY.toString()));

    assertThat(staged.resumedAfterLine()).isEqualTo(reported);
    assertThat(staged.lines()).isEqualTo(LINES);
    assertThat(provider.openedAfter).containsExactly(0L, reported);
    assertThat(provider.linesServed).isEqualTo(12 + (LINES - reported));
    assertThat(
            new JdbcTemplate(dataSource)
                .queryForList(
                    "select line_no from statement_lines where channel = ? " + "order by line_no",
                    Long.class,
                    channel))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, LINES).boxed().toList());
  }

  @Test
  void aFreshRunOfTheDayReplacesWhatAnEarlierRunStaged() {
    ReconciliationActivities activities = activities();
    activities.stageStatement(new ReconciliationRequest(channel, DAY.toString()));
    StagedStatement again =
        activities.stageStatement(new ReconciliationRequest(channel, DAY.toString()));
    assertThat(again.lines()).isEqualTo(LINES);
    assertThat(again.resumedAfterLine()).isZero();
    assertThat(
            new JdbcTemplate(dataSource)
                .queryForObject(
                    "select runs from reconciliation_runs where channel = ?",
                    Integer.class,
                    channel))
        .isEqualTo(2);
  }

  private ReconciliationActivities activities() {
    ChannelFees fees = ChannelFees.NONE;
    env.registerActivitiesImplementations(
        new ReconciliationActivitiesImpl(
            new ProviderRegistry(List.of(provider)),
            new ReconciliationStore(dataSource, fees),
            new DiscrepancyMatcher(dataSource),
            fees,
            null,
            PAGE));
    env.setActivityHeartbeatListener(Long.class, lastHeartbeat::set);
    return env.newActivityStub(ReconciliationActivities.class);
  }

  private long staged() {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from statement_lines where channel = ?", Long.class, channel);
  }

  /**
   * A provider whose statement is {@link #LINES} generated lines; it counts what it serves and can
   * fail.
   */
  private static final class CountingProvider extends UnusedCallsProvider {
    final List<Long> openedAfter = new ArrayList<>();
    long linesServed;
    long failAfterLines = Long.MAX_VALUE;

    CountingProvider(String channel) {
      super(channel);
    }

    @Override
    public StatementReader openStatement(LocalDate day, long afterLine) {
      openedAfter.add(afterLine);
      return new StatementReader() {
        long last = afterLine;

        @Override
        public List<StatementLine> next(int max) {
          List<StatementLine> page = new ArrayList<>();
          while (page.size() < max && last < LINES) {
            if (linesServed >= failAfterLines) {
              throw new ProviderException(ProviderErrorType.TRANSPORT, "connection reset", null);
            }
            last++;
            linesServed++;
            page.add(
                new StatementLine(
                    last,
                    StatementLine.Kind.PAYMENT,
                    "T" + last,
                    "o-" + last,
                    null,
                    100 + last,
                    "CNY",
                    1L,
                    Instant.parse("2026-11-21T10:00:00Z")));
          }
          return page;
        }

        @Override
        public void close() {}
      };
    }
  }
}
