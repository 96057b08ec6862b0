package io.channelshift.probes;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * PostgreSQL answers: a connection from the pool, checked with {@link Connection#isValid}. Taking a
 * connection can block for the pool's whole connection timeout when the server is gone, so this
 * runs inside a {@link CachedProbe}, whose deadline is the one that counts.
 */
public final class PostgresProbe implements Probe {

  private final DataSource dataSource;
  private final int validSeconds;

  public PostgresProbe(DataSource dataSource, int validSeconds) {
    this.dataSource = dataSource;
    this.validSeconds = validSeconds;
  }

  @Override
  public ProbeResult check() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(validSeconds)
          ? ProbeResult.UP
          : ProbeResult.down("PostgreSQL connection not valid");
    } catch (SQLException e) {
      return ProbeResult.down(
          "PostgreSQL unreachable" + (e.getSQLState() == null ? "" : " (" + e.getSQLState() + ")"));
    }
  }
}
