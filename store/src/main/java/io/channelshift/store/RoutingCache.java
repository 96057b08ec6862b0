package io.channelshift.store;

import io.channelshift.routing.RoutingTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing tables in force, in memory, so that deciding a route costs no database round trip. A
 * listener thread holds one connection that LISTENs on {@link RoutingStore#CHANNEL} and reloads
 * every scope's table when a new version is announced. While that connection is down (database
 * restart), the cache is not trusted: every lookup reads the store, and the listener reconnects on
 * a backoff and reloads before the cache is used again. Channels' lifecycle states are announced on
 * the same channel and held beside the tables.
 */
public final class RoutingCache implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RoutingCache.class);
  private static final int POLL_MS = 500;
  private static final Duration RECONNECT = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final RoutingStore store;
  private final Map<String, RoutingTable> tables = new ConcurrentHashMap<>();
  private volatile Set<String> notActive = Set.of();
  private final CountDownLatch firstLoad = new CountDownLatch(1);
  private final Thread listener;
  private volatile boolean listening;
  private volatile boolean closed;
  private volatile long version;

  public RoutingCache(DataSource dataSource, RoutingStore store) {
    this.dataSource = dataSource;
    this.store = store;
    this.listener = new Thread(this::listen, "routing-listener");
    listener.setDaemon(true);
  }

  /**
   * Starts listening and waits (bounded) for the first load, so that the first payments already hit
   * the cache.
   */
  public RoutingCache start() {
    listener.start();
    try {
      if (!firstLoad.await(10, TimeUnit.SECONDS)) {
        log.warn(
            "routing tables not loaded within 10 s; routing reads the database until they are");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return this;
  }

  /** The table in force for a product type, by the rule {@link RoutingDecisions} states. */
  public Optional<RoutingTable> inForce(String productType) {
    if (!listening) {
      return store.inForce(productType);
    }
    return RoutingDecisions.inForce(productType, tables::get);
  }

  /**
   * Whether the channel takes new payments (ACTIVE, {@link ChannelLifecycleStore}); read with the
   * tables, and like them from the store while the cache is not trusted.
   */
  public boolean active(String channel) {
    Set<String> inactive = listening ? notActive : store.notActiveChannels();
    return !inactive.contains(channel);
  }

  /** The newest version the cache holds (0 before the first load). */
  public long version() {
    return version;
  }

  /**
   * True while the cache follows the database; false while it reconnects (lookups then read the
   * store).
   */
  public boolean listening() {
    return listening;
  }

  private void listen() {
    while (!closed) {
      try (Connection connection = dataSource.getConnection()) {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Statement s = connection.createStatement()) {
          s.execute("LISTEN " + RoutingStore.CHANNEL);
        }
        reload(); // after LISTEN: nothing written from here on can be missed
        listening = true;
        firstLoad.countDown();
        while (!closed) {
          PGNotification[] notifications = pg.getNotifications(POLL_MS);
          if (notifications != null && notifications.length > 0) {
            reload();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!closed) {
          listening = false;
          log.warn(
              "routing listener lost its connection ({}); routing reads the database until it is back",
              e.getMessage());
          sleep();
        }
      }
    }
    listening = false;
  }

  private void reload() {
    Map<String, RoutingTable> fresh = new HashMap<>();
    long newest = 0;
    for (RoutingTable t : store.allCurrent()) {
      fresh.put(t.scope(), t);
      newest = Math.max(newest, t.version());
    }
    notActive = store.notActiveChannels();
    tables.keySet().retainAll(fresh.keySet());
    tables.putAll(fresh);
    if (newest != version) {
      log.info("routing tables now at version {}: {}", newest, fresh.values());
    }
    version = newest;
  }

  private static void sleep() {
    try {
      Thread.sleep(RECONNECT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    listener.interrupt();
  }
}
