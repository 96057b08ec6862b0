package io.channelshift.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One real PostgreSQL server per test JVM (embedded, from a Maven artifact), migrated by Flyway.
 */
public final class TestDatabase {

  private static DataSource dataSource;
  private static EmbeddedPostgres server;
  private static int freshDatabases;

  private TestDatabase() {}

  public static synchronized DataSource get() {
    if (dataSource == null) {
      try {
        EmbeddedPostgres postgres =
            EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.DISCARD).start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        postgres.close();
                      } catch (IOException ignored) {
                        // the JVM is going away; the server's directory is temporary
                      }
                    }));
        server = postgres;
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataSource;
  }

  /**
   * A new, empty database on the same server, migrated by no one: for tests of a migration itself
   * (migrate it to a version, write rows the old schema allowed, migrate on).
   */
  public static synchronized DataSource fresh() {
    get();
    String name = "fresh_" + (++freshDatabases) + "_" + ProcessHandle.current().pid();
    new org.springframework.jdbc.core.JdbcTemplate(dataSource).execute("create database " + name);
    return server.getDatabase("postgres", name);
  }
}
