package io.channelshift.app.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.channelshift.codec.PayloadEncryption;
import io.channelshift.codec.PayloadKeys;
import io.channelshift.config.SearchAttributeCheck;
import io.channelshift.config.TemporalNotUsable;
import io.channelshift.config.TemporalProperties;
import io.channelshift.config.TemporalReachability;
import io.channelshift.fees.FeeSchedule;
import io.channelshift.fees.RefundFeePolicy;
import io.channelshift.fees.SettlementCycle;
import io.channelshift.payment.PaymentTiming;
import io.channelshift.sandbox.FaultSettings;
import io.channelshift.sandbox.SandboxConfig;
import io.channelshift.sandbox.SandboxServer;
import io.channelshift.starter.StarterApplication;
import io.channelshift.worker.WorkerApplication;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything ChannelShift needs, in this process, with nothing installed: a Temporal test server
 * bound to a port (real time; or a Temporal server of the user's, {@link ExternalTemporal}), an
 * embedded PostgreSQL server, the {@code legacy} and {@code nova} sandbox providers, the worker and
 * the starter. Closing it stops them in reverse order.
 *
 * <p>Longer than most classes here on purpose: it is the one place that lists, in start order,
 * every part of the embedded runtime and the settings each gets from the others (ports, keys,
 * database URL); read as one list it shows what production has to provide.
 */
public final class EmbeddedStack implements AutoCloseable {

  public static final String NAMESPACE = "default";
  public static final String LEGACY = "legacy";
  public static final String NOVA = "nova";
  public static final String LEGACY_MERCHANT = "M-LEGACY-001";
  public static final String NOVA_MERCHANT = "M-NOVA-001";

  /**
   * What the two sandboxes charge, and what the stack is configured to expect of them: the legacy
   * channel at 0.60% settled next working day, nova at 0.38% settled the same day (the guide's
   * range for QR payments).
   */
  public static final Map<String, FeeSchedule> FEES =
      Map.of(
          LEGACY,
              new FeeSchedule(60, 0, RefundFeePolicy.PROPORTIONAL, SettlementCycle.parse("T+1")),
          NOVA, new FeeSchedule(38, 0, RefundFeePolicy.PROPORTIONAL, SettlementCycle.parse("D+0")));

  /** Where {@code temporal server start-dev} serves its UI. */
  public static final String TEMPORAL_UI = "http://localhost:8233";

  private final List<AutoCloseable> started = new ArrayList<>();
  private final Map<String, String> addresses = new LinkedHashMap<>();
  private final Map<String, SandboxServer> sandboxes = new LinkedHashMap<>();
  private final Map<String, String> sandboxSecrets = new LinkedHashMap<>();
  private String workerMetricsUrl;
  private String apiBaseUrl;
  private EmbeddedPostgres postgres;
  private HikariDataSource pool;
  private WorkflowServiceStubs clientStubs;
  private WorkflowClient client;
  private Map<String, String> workerProperties = Map.of();
  private int postgresPort;
  private String namespace = NAMESPACE;
  private Path postgresData;

  private EmbeddedStack() {}

  public static EmbeddedStack start(StackOptions options) {
    EmbeddedStack stack = new EmbeddedStack();
    try {
      stack.boot(options);
      return stack;
    } catch (TemporalNotUsable e) {
      stack.close();
      throw e; // its message is the whole story: "Temporal at ... is not reachable", ...
    } catch (RuntimeException | IOException e) {
      stack.close();
      throw new IllegalStateException("the embedded stack did not start: " + e.getMessage(), e);
    }
  }

  private void boot(StackOptions options) throws IOException {
    TemporalProperties temporal = temporal(options);
    String temporalTarget = temporal.target();
    namespace = temporal.namespace();
    int apiPort = port(options.apiPort(), "REST API");

    if (options.externalWorker()) {
      postgresPort = FreePorts.next();
      postgresData = Files.createTempDirectory("channelshift-pg");
      postgres = restartablePostgres();
      started.add(
          () -> {
            postgres.close();
            deleteRecursively(postgresData);
          });
    } else {
      postgres =
          EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.DISCARD).start();
      started.add(postgres);
    }
    String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    addresses.put("PostgreSQL (embedded)", jdbcUrl);

    String legacySecret = secret();
    String novaSecret = secret();
    SandboxServer legacy =
        sandbox(LEGACY, options.legacyPort(), LEGACY_MERCHANT, legacySecret, options);
    SandboxServer nova = sandbox(NOVA, options.novaPort(), NOVA_MERCHANT, novaSecret, options);

    apiBaseUrl = "http://127.0.0.1:" + apiPort;
    String webhookUrl =
        options.webhookUrl() != null ? options.webhookUrl() : apiBaseUrl + "/dev/webhooks";
    Map<String, String> props = new LinkedHashMap<>();
    props.put("spring.datasource.url", jdbcUrl);
    props.put("spring.datasource.username", "postgres");
    props.put("spring.datasource.password", "postgres");
    props.put("channelshift.temporal.target", temporalTarget);
    props.put(
        "channelshift.temporal.grpc-compression", "none"); // loopback: gzip would only cost CPU
    props.put("channelshift.temporal.namespace", namespace);
    channel(props, legacy, LEGACY_MERCHANT, legacySecret);
    channel(props, nova, NOVA_MERCHANT, novaSecret);
    // the test server has no Temporal Schedules; a real server's Schedule shows in its UI
    props.put(
        "channelshift.reconciliation.scheduler",
        options.externalTemporal().isPresent() ? "schedule" : "workflow");
    props.put("channelshift.default-channel", LEGACY);
    // the first table of `all` names nova as its backup, so a newcomer sees one in `routes`
    props.put("channelshift.routing.backups.all", NOVA);
    props.put("channelshift.notify-base-url", apiBaseUrl);
    props.put("channelshift.webhook.url", webhookUrl);
    props.put("channelshift.webhook.secret", secret());
    props.put("channelshift.dev-receiver.enabled", "true");
    props.put("channelshift.metrics.port", "0"); // the worker's Prometheus endpoint, on a free port
    props.putAll(DevKeys.properties());
    riskRules(props);
    Optional<PayloadKeys> payloadKeys = payloadKeys(options, props);
    props.put(
        "channelshift.codec.cors-origins", // the Temporal UI may decode through the starter
        options.externalTemporal().map(ExternalTemporal::uiOrigin).orElse(TEMPORAL_UI));
    timing(props, options.timing());
    if (options.quiet()) {
      props.put("logging.level.root", "WARN");
    }
    props.put(
        "spring.main.log-startup-info",
        "false"); // both apps would call themselves "ChannelShiftCommand"
    props.put("logging.level.io.zonky", "WARN");
    props.put("logging.level.io.temporal", "WARN");
    props.put("logging.level.io.temporal.internal.sync.DeterministicRunnerImpl", "ERROR");
    props.put("logging.level.io.temporal.internal.worker.HeartbeatManager", "ERROR");
    props.putAll(options.extraProperties());

    workerProperties = Map.copyOf(props);
    if (!options.externalWorker()) {
      ConfigurableApplicationContext worker = WorkerApplication.application().run(args(props));
      started.add(worker);
      addresses.put("Worker", "task queues channelshift-payments, channelshift-migrations");
      workerMetricsUrl =
          "http://127.0.0.1:" + worker.getBean(HTTPServer.class).getPort() + "/metrics";
      addresses.put("Worker metrics (Prometheus)", workerMetricsUrl);
      addresses.put(
          "Worker health (orchestrators)",
          workerMetricsUrl.replace("/metrics", "/health/readiness") + " and /health/liveness");
    }

    props.put("server.port", Integer.toString(apiPort));
    ConfigurableApplicationContext starter = StarterApplication.application().run(args(props));
    started.add(starter);
    addresses.put("REST API (starter)", apiBaseUrl);
    addresses.put("Console (sign in with a dev key)", apiBaseUrl + "/console");
    addresses.put(
        "Starter metrics (Prometheus)", apiBaseUrl + "/actuator/prometheus (with the ops key)");
    addresses.put(
        "Starter health (orchestrators)",
        apiBaseUrl + "/actuator/health/readiness and /actuator/health/liveness");
    addresses.put("Fulfilment webhooks", webhookUrl);

    clientStubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporalTarget)
                .setGrpcCompression(GrpcCompression.NONE)
                .build());
    started.add(clientStubs::shutdown);
    client =
        WorkflowClient.newInstance(
            clientStubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setDataConverter(PayloadEncryption.dataConverter(payloadKeys))
                .build());
  }

  /**
   * Starts the embedded Temporal test server, or checks that the external one answers (nothing else
   * is started when it does not); either way the search attributes are in place after.
   */
  private TemporalProperties temporal(StackOptions options) throws IOException {
    if (options.externalTemporal().isPresent()) {
      ExternalTemporal external = options.externalTemporal().get();
      TemporalProperties temporal =
          TemporalProperties.plain(external.target(), external.namespace());
      TemporalReachability.require(temporal);
      addresses.put(
          "Temporal (external, gRPC)",
          external.target() + "  (namespace " + external.namespace() + ")");
      addresses.put("Temporal UI", external.uiUrl());
      SearchAttributeCheck.require(temporal);
      return temporal;
    }
    int temporalPort = port(options.temporalPort(), "Temporal test server");
    started.add(EmbeddedTemporal.start(temporalPort, NAMESPACE));
    TemporalProperties temporal = TemporalProperties.plain("127.0.0.1:" + temporalPort, NAMESPACE);
    addresses.put("Temporal (test server, gRPC)", temporal.target());
    SearchAttributeCheck.require(temporal);
    return temporal;
  }

  private SandboxServer sandbox(
      String name, int port, String merchantId, String secret, StackOptions options) {
    SandboxConfig defaults = SandboxConfig.defaults(name, port, merchantId, secret);
    SandboxServer server =
        SandboxServer.start(
            new SandboxConfig(
                name,
                defaults.host(),
                port,
                merchantId,
                secret,
                options.sandboxFaults().getOrDefault(name, FaultSettings.NONE),
                defaults.callbackRetryDelays(),
                defaults.refundDelay(),
                defaults.seed(),
                FEES.get(name).rateBps()));
    started.add(server);
    sandboxes.put(name, server);
    sandboxSecrets.put(name, secret);
    addresses.put(
        "Sandbox provider '" + name + "'",
        server.baseUrl() + "  (admin: " + server.baseUrl() + "/admin/faults)");
    return server;
  }

  private static void channel(
      Map<String, String> props, SandboxServer server, String merchantId, String secret) {
    String prefix = "channelshift.channels." + server.name() + ".";
    props.put(prefix + "type", "sandbox");
    props.put(prefix + "base-url", server.baseUrl());
    props.put(prefix + "merchant-id", merchantId);
    props.put(prefix + "merchant-secret", secret);
    FeeSchedule fees = FEES.get(server.name());
    props.put(prefix + "fees.rate-bps", Long.toString(fees.rateBps()));
    props.put(prefix + "fees.fixed-minor", Long.toString(fees.fixedMinor()));
    props.put(prefix + "fees.refund-fee", fees.refundFee().name());
    props.put(prefix + "fees.settlement", fees.settlement().toString());
  }

  private static void timing(Map<String, String> props, PaymentTiming timing) {
    props.put("channelshift.payment.expires-in", millis(timing.expiresIn()));
    props.put(
        "channelshift.payment.query-backoff",
        timing.queryBackoff().stream().map(EmbeddedStack::millis).collect(Collectors.joining(",")));
    props.put("channelshift.payment.after-sales-window", millis(timing.afterSalesWindow()));
    props.put("channelshift.payment.fulfilment-deadline", millis(timing.fulfilmentDeadline()));
  }

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }

  private static String[] args(Map<String, String> props) {
    return props.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  private static int port(int requested, String what) {
    if (requested == 0) {
      return FreePorts.next();
    }
    FreePorts.requireFree(requested, what);
    return requested;
  }

  /**
   * The embedded stack's risk rules (docs/configuration.md, "Risk rules"); the demo shows one of
   * them refusing a payment.
   */
  private static void riskRules(Map<String, String> props) {
    props.put("channelshift.risk.defaults.max-amount-minor", "5000000");
    props.put("channelshift.risk.defaults.max-per-minute", "30");
    props.put("channelshift.risk.defaults.blocked-ips", "192.0.2.66");
    props.put("channelshift.risk.product-types.game_card.daily-max-minor", "2000000");
  }

  /**
   * A payload key made for this run, set for the worker and the starter alike (or encryption turned
   * off).
   */
  private static Optional<PayloadKeys> payloadKeys(
      StackOptions options, Map<String, String> props) {
    if (!options.encryptPayloads()) {
      props.put("channelshift.codec.enabled", "false");
      return Optional.empty();
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String encoded = Base64.getEncoder().encodeToString(key);
    props.put("channelshift.codec.enabled", "true");
    props.put("channelshift.codec.current-key-id", "embedded-1");
    props.put("channelshift.codec.keys.embedded-1", encoded);
    return Optional.of(new PayloadKeys("embedded-1", Map.of("embedded-1", encoded)));
  }

  private static String secret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The settings the worker runs with (secrets included: for starting it as a process of its own).
   */
  public Map<String, String> workerProperties() {
    return workerProperties;
  }

  /**
   * Stops PostgreSQL, waits, and starts it again on the same port and data (a drill). Only for a
   * stack started with {@link StackOptions#withExternalWorker()}.
   */
  public synchronized void restartPostgres(long downMs) throws IOException, InterruptedException {
    if (postgresData == null) {
      throw new IllegalStateException("this stack's PostgreSQL is not restartable");
    }
    postgres.close();
    Thread.sleep(downMs);
    postgres = restartablePostgres();
  }

  private EmbeddedPostgres restartablePostgres() throws IOException {
    return EmbeddedPostgres.builder()
        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
        .setPort(postgresPort)
        .setDataDirectory(postgresData)
        .setCleanDataDirectory(false)
        .start();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  public Map<String, String> addresses() {
    return addresses;
  }

  /**
   * The in-process worker's Prometheus endpoint; null when the worker runs as a process of its own.
   */
  public String workerMetricsUrl() {
    return workerMetricsUrl;
  }

  /** The namespace workflows run in: {@link #NAMESPACE}, or the external Temporal's. */
  public String namespace() {
    return namespace;
  }

  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  public SandboxServer sandbox(String name) {
    return sandboxes.get(name);
  }

  /**
   * The merchant secret a sandbox shares with us: drills and tests sign callbacks with it. Random
   * per stack.
   */
  public String sandboxSecret(String name) {
    return sandboxSecrets.get(name);
  }

  /**
   * A plain data source: a new connection per use. For checks and seeding; see {@link
   * #pooledDataSource}.
   */
  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /**
   * A connection pool on the embedded database, as the worker and the starter use one: for
   * measurements where a new connection per query would be the thing measured. Closed with the
   * stack.
   */
  public synchronized DataSource pooledDataSource() {
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
      config.setMaximumPoolSize(4);
      pool = new HikariDataSource(config);
      started.add(pool);
    }
    return pool;
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        // Keep closing the rest: a half-stopped stack would hold ports and a PostgreSQL process.
        System.err.println("while stopping: " + e);
      }
    }
    started.clear();
  }
}
