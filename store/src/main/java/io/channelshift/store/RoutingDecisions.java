package io.channelshift.store;

import io.channelshift.payment.CreateOrderCommand;
import io.channelshift.payment.RouteDecision;
import io.channelshift.routing.Router;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.PaymentStore.RouteClaim;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one owner of the rule "which routing table is in force", and of the flow that applies it to a
 * new payment: <b>decide, then confirm at create</b>.
 *
 * <p><b>The rule.</b> For a product type, the table in force is its own scope's newest version when
 * that scope has a table, else the newest version of {@link RoutingTable#ALL}. It is written here
 * once: in memory ({@link #inForce(String, Function)}, used by the {@link RoutingCache}) and as the
 * SQL that selects it ({@link #IN_FORCE_SQL}, used by {@link RoutingStore#inForce} and by the route
 * claim in {@link PaymentStore#claimRoute}). Table writes and route claims are ordered by one
 * advisory lock held by {@link RoutingStore} (writers exclusive, claims shared), so a claim never
 * records a payment on a table replaced before it committed.
 *
 * <ol>
 *   <li><b>Decide</b> ({@link #decide}): the starter routes the user on the table in force as the
 *       cache holds it, with no database round trip; the decision names the table's version.
 *   <li><b>Confirm at create</b> ({@link #confirm}): before any order exists at a provider, the
 *       worker records the payment only if the decision's version is still the one in force, in one
 *       statement: {@code CLAIMED}; {@code ALREADY_RECORDED} when an earlier attempt recorded it;
 *       {@code STALE}, with the table now in force, when the table changed in between and the
 *       payment must be decided again on it.
 * </ol>
 *
 * <p>It lives in {@code store} because both steps need it and the arrows allow no other place: the
 * starter (decide) and activities (confirm) both depend on {@code store}, the starter must not
 * depend on activities, and {@code workflows} (which holds the pure {@link Router}) holds no JDBC.
 */
public final class RoutingDecisions {

  /**
   * The rule as SQL: the rows of {@code routing_tables} a product type (the one parameter) may take
   * its table from, the one in force first. Select from {@code routing_tables} with this as the
   * rest of the query.
   */
  static final String IN_FORCE_SQL =
      "where scope in (?, '"
          + RoutingTable.ALL
          + "') order by (scope = '"
          + RoutingTable.ALL
          + "'), version desc limit 1";

  private RoutingDecisions() {}

  /**
   * The rule in memory: the product type's own scope's table, else the one of {@code all}, given
   * the newest table of each scope (null for a scope without one).
   */
  public static Optional<RoutingTable> inForce(
      String productType, Function<String, RoutingTable> newestOfScope) {
    RoutingTable own = newestOfScope.apply(productType);
    return Optional.ofNullable(own != null ? own : newestOfScope.apply(RoutingTable.ALL));
  }

  /**
   * Step 1, decide: the user's route on the table in force as {@code tables} holds it (the
   * starter's cache); empty when no table is in force.
   */
  public static Optional<RouteDecision> decide(
      RoutingCache tables, String productType, String userId) {
    return tables.inForce(productType).map(table -> Router.decide(table, userId));
  }

  /**
   * Step 2, confirm at create: records the payment on its decided route if that route's table is
   * still in force ({@link PaymentStore#claimRoute}); when it is not, reads the table now in force
   * from the database, on which the payment must be decided again.
   */
  public static Confirmation confirm(
      PaymentStore payments, RoutingStore tables, CreateOrderCommand decided) {
    PaymentStore.Claim claim =
        tables.disabledByConfiguration().contains(decided.channel())
            ? disabled(payments, decided)
            : payments.claimRoute(decided);
    if (claim.outcome() != RouteClaim.STALE) {
      return new Confirmation(claim.outcome(), claim.recorded(), null);
    }
    RoutingTable now =
        tables
            .inForce(decided.productType())
            .orElseThrow(() -> new IllegalStateException("no routing table in force"));
    return new Confirmation(RouteClaim.STALE, null, now, tables.notActiveChannels());
  }

  /**
   * A channel disabled in configuration takes no new payments: STALE, unless an earlier attempt
   * recorded the payment (before the restart that disabled it), whose route then stands.
   */
  private static PaymentStore.Claim disabled(PaymentStore payments, CreateOrderCommand decided) {
    return payments
        .find(decided.orderId())
        .map(recorded -> new PaymentStore.Claim(RouteClaim.ALREADY_RECORDED, recorded))
        .orElseGet(() -> new PaymentStore.Claim(RouteClaim.STALE, null));
  }

  /**
   * Failover at create: the channel a payment is on ({@code from}) cannot take its order, so the
   * payment moves to the first backup of the table now in force that it has not already left, and
   * its row names that channel from then on ({@link FailoverStore#move}: under the routing lock, on
   * the table in force, idempotent). Empty when no backup remains: the payment ends as it would
   * have without one. A repeat after the move (a retried activity) answers the route the payment
   * was moved to, not a second move.
   *
   * <p>This is the one place that says which channel comes next; a backup that takes no new
   * payments (DRAINING, RETIRED, or disabled in configuration) is skipped.
   */
  public static Optional<RouteDecision> failoverRoute(
      FailoverStore failovers, RoutingStore tables, String orderId, String from, String reason) {
    for (int attempt = 0; attempt < FAILOVER_ATTEMPTS; attempt++) {
      FailoverStore.Route now =
          failovers
              .route(orderId)
              .orElseThrow(() -> new IllegalStateException("no payment " + orderId + " to move"));
      if (!now.channel().equals(from)) {
        return Optional.of(
            new RouteDecision(now.channel(), now.routingVersion(), Router.bucket(now.userId())));
      }
      RoutingTable table =
          tables
              .inForce(now.productType())
              .orElseThrow(() -> new IllegalStateException("no routing table in force"));
      Set<String> skipped = new HashSet<>(failovers.abandonedChannels(orderId));
      skipped.add(from);
      skipped.addAll(tables.notActiveChannels()); // DRAINING, RETIRED or disabled: no new payments
      Optional<String> next =
          table.backupsAfter(from).stream()
              .filter(channel -> !skipped.contains(channel))
              .findFirst();
      if (next.isEmpty()) {
        return Optional.empty();
      }
      if (failovers.move(orderId, from, next.get(), table.version(), reason)
          == FailoverStore.Moved.MOVED) {
        return Optional.of(
            new RouteDecision(next.get(), table.version(), Router.bucket(now.userId())));
      }
      // ALREADY_MOVED (the next round answers where to) or STALE (choose on the new table).
    }
    throw new IllegalStateException(
        "the routing table kept changing while payment " + orderId + " was failing over; retried");
  }

  /** A table can change again while a payment fails over; a few rounds settle any real sequence. */
  private static final int FAILOVER_ATTEMPTS = 5;

  /**
   * What confirming a decision found: the claim's outcome, the payment as an earlier attempt
   * recorded it (ALREADY_RECORDED only), and the table now in force with the channels that take no
   * new payments (STALE only).
   */
  public record Confirmation(
      RouteClaim outcome, StoredPayment recorded, RoutingTable inForce, Set<String> notActive) {

    public Confirmation {
      notActive = notActive == null ? Set.of() : Set.copyOf(notActive);
    }

    public Confirmation(RouteClaim outcome, StoredPayment recorded, RoutingTable inForce) {
      this(outcome, recorded, inForce, Set.of());
    }
  }

  // ---- channel lifecycle: a DRAINING or RETIRED channel takes no new payments ----

  /**
   * Step 1 with the channels' lifecycle: the user's route on the table in force, moved off a
   * channel that is not ACTIVE ({@link #avoidingInactive}).
   */
  public static Optional<ActiveRoute> decideOnActive(
      RoutingCache tables, String productType, String userId) {
    return tables
        .inForce(productType)
        .map(table -> avoidingInactive(table, Router.decide(table, userId), tables::active));
  }

  /**
   * The route itself when its channel is ACTIVE; else, on the same table version and bucket, the
   * first ACTIVE channel of {@link #alternativesTo}; else no route.
   */
  public static ActiveRoute avoidingInactive(
      RoutingTable table, RouteDecision decided, Predicate<String> active) {
    if (active.test(decided.channel())) {
      return new ActiveRoute.Routed(decided, null);
    }
    return alternativesTo(table, decided.channel()).stream()
        .filter(active)
        .findFirst()
        .<ActiveRoute>map(
            c ->
                new ActiveRoute.Routed(
                    new RouteDecision(c, decided.tableVersion(), decided.bucket()),
                    decided.channel()))
        .orElseGet(() -> new ActiveRoute.NoActiveChannel(table, decided.channel()));
  }

  /**
   * Where a payment routed to {@code chosen} goes when {@code chosen} takes no new payments: the
   * table's backups in order ({@link RoutingTable#backupsAfter}), then its other weighted channels.
   */
  public static List<String> alternativesTo(RoutingTable table, String chosen) {
    Set<String> order = new LinkedHashSet<>(table.backupsAfter(chosen));
    table
        .weightsBps()
        .forEach(
            (c, w) -> {
              if (w > 0 && !c.equals(chosen)) {
                order.add(c);
              }
            });
    return List.copyOf(order);
  }
}
