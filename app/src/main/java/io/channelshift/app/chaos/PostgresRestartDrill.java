package io.channelshift.app.chaos;

/** PostgreSQL is stopped in the middle of the load and started again on the same data. */
final class PostgresRestartDrill implements Drill {

  @Override
  public String id() {
    return "postgres-restart";
  }

  @Override
  public String inject(ChaosContext c) throws Exception {
    long downMs = c.heavy() ? 20_000 : 3_000;
    c.stack().restartPostgres(downMs);
    return "PostgreSQL stopped, started again " + downMs / 1000 + " s later on the same data";
  }
}
