package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.cli.RoutesCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * Backup channels over the REST API and the CLI on the whole embedded stack: the configured first
 * backup, setting and reading them back, racing requests, and the migration that owns its scope's
 * table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteBackupsEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private EmbeddedStack stack;
  private DemoClient api;

  record Answer(int status, JsonNode body) {}

  @BeforeAll
  void start() {
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    api = new DemoClient(stack);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  @Order(1)
  void theEmbeddedStacksFirstTable_namesNovaAsTheBackupOfAll() {
    assertThat(backups(all())).containsExactly("nova");
  }

  @Test
  @Order(2)
  void anEngineerSetsTheBackups_readBackInOrder_recordedWithWhoAskedAndWhy_andARetryWritesNothing()
      throws Exception {
    long before = all().path("version").asLong();

    Answer cleared = put("all", "{\"backups\": [], \"reason\": \"nova under review\"}", "alice");
    assertThat(cleared.status()).as(cleared.body().toString()).isEqualTo(201);
    assertThat(cleared.body().path("version").asLong()).isGreaterThan(before);
    assertThat(backups(all())).isEmpty();

    Answer set = put("all", "{\"backups\": [\"nova\"], \"reason\": \"review done\"}", "alice");
    assertThat(set.status()).isEqualTo(201);
    assertThat(all().path("version").asLong()).isEqualTo(set.body().path("version").asLong());
    assertThat(backups(all())).containsExactly("nova");
    assertThat(all().path("weightsBps").path("legacy").asInt()).isEqualTo(10_000);
    assertThat(recorded(set.body().path("version").asLong()))
        .isEqualTo("alice (key dev-engineer) | review done");

    Answer retry = put("all", "{\"backups\": [\"nova\"], \"reason\": \"review done\"}", "alice");
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.body().path("version").asLong())
        .isEqualTo(set.body().path("version").asLong());
    assertThat(all().path("version").asLong()).isEqualTo(set.body().path("version").asLong());
  }

  @Test
  @Order(3)
  void refusals_nothingWritten() throws Exception {
    long before = all().path("version").asLong();

    assertThat(put("all", "{\"backups\": [\"ghost\"], \"reason\": \"r\"}", "eve").status())
        .isEqualTo(422);
    assertThat(put("all", "{\"backups\": [\"nova\", \"nova\"], \"reason\": \"r\"}", "eve").status())
        .isEqualTo(422);
    assertThat(put("topup", "{\"backups\": [\"nova\"], \"reason\": \"r\"}", "eve").status())
        .isEqualTo(404);
    assertThat(put("all", "{\"backups\": [\"nova\"]}", "eve").status()).isEqualTo(400);
    assertThat(
            send(
                    "PUT",
                    "/api/routes/all/backups",
                    DevKeys.OPS,
                    "{\"backups\": [], \"reason\": \"r\"}",
                    "eve")
                .status())
        .isEqualTo(403);

    assertThat(all().path("version").asLong()).isEqualTo(before);
  }

  /** Ten engineers at once: the same list is written once; different lists end as the last. */
  @Test
  @Order(4)
  void tenRacingRequests_endWithOneConsistentTable() throws Exception {
    List<Answer> same = race(i -> "{\"backups\": [], \"reason\": \"race same\"}");
    assertThat(same).allMatch(a -> a.status() == 200 || a.status() == 201);
    assertThat(same).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(same.stream().map(a -> a.body().path("version").asLong()).distinct()).hasSize(1);

    List<Answer> mixed =
        race(
            i ->
                i % 2 == 0
                    ? "{\"backups\": [\"nova\"], \"reason\": \"race " + i + "\"}"
                    : "{\"backups\": [], \"reason\": \"race " + i + "\"}");
    assertThat(mixed).allMatch(a -> a.status() == 200 || a.status() == 201);
    Answer last =
        mixed.stream()
            .max(
                (a, b) ->
                    Long.compare(
                        a.body().path("version").asLong(), b.body().path("version").asLong()))
            .orElseThrow();
    JsonNode inForce = all();
    assertThat(inForce.path("version").asLong()).isEqualTo(last.body().path("version").asLong());
    assertThat(inForce.path("backups")).isEqualTo(last.body().path("backups"));
    assertThat(inForce.path("weightsBps").path("legacy").asInt()).isEqualTo(10_000);
    Set<Long> written = new HashSet<>();
    mixed.stream()
        .filter(a -> a.status() == 201)
        .forEach(a -> assertThat(written.add(a.body().path("version").asLong())).isTrue());
  }

  @Test
  @Order(5)
  void theCliSetsThemAndRoutesShowsThem() throws Exception {
    Path keyFile = Files.createTempFile("engineer", ".key");
    Files.writeString(keyFile, DevKeys.ENGINEER);
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          new CommandLine(new RoutesCommand())
              .setOut(new PrintWriter(out, true))
              .setErr(new PrintWriter(err, true))
              .execute(
                  "backups",
                  "all",
                  "nova",
                  "--reason",
                  "from the cli",
                  "--by",
                  "dave",
                  "--api",
                  stack.apiBaseUrl(),
                  "--api-key-file",
                  keyFile.toString());

      assertThat(code).as(err.toString()).isZero();
      assertThat(backups(all())).containsExactly("nova");

      StringWriter listed = new StringWriter();
      new CommandLine(new RoutesCommand())
          .setOut(new PrintWriter(listed, true))
          .execute("--api", stack.apiBaseUrl(), "--api-key-file", keyFile.toString());
      assertThat(listed.toString().lines().filter(l -> l.startsWith("all")).findFirst())
          .hasValueSatisfying(l -> assertThat(l).endsWith("nova"));
    } finally {
      Files.deleteIfExists(keyFile);
    }
  }

  /** The migration owns its scope's table: a change while it runs is refused, after it is not. */
  @Test
  @Order(6)
  void whileAMigrationRunsOnTheScope_409_andAfterItEnds_theChangeIsAccepted() throws Exception {
    DemoClient.Reply started = api.startMigration(plan("backups-owner"), "alice");
    assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
    awaitWeight("backups-owner", 5000);
    // the old channel first during the ramp, the backups it had after it
    assertThat(backups(all())).containsExactly("legacy", "nova");
    long during = all().path("version").asLong();

    Answer refused = put("all", "{\"backups\": [], \"reason\": \"r\"}", "bob");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("detail").asText()).contains("migration backups-owner");
    assertThat(all().path("version").asLong()).isEqualTo(during);

    assertThat(api.migrationAction("backups-owner", "rollback", "done", "alice").status())
        .isEqualTo(200);
    assertThat(backups(all())).containsExactly("nova"); // as before the migration
    // the migration's end is recorded by its last activity, just after the rollback's answer
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Answer after = put("all", "{\"backups\": [], \"reason\": \"after\"}", "bob");
    while (after.status() == 409 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      after = put("all", "{\"backups\": [], \"reason\": \"after\"}", "bob");
    }
    assertThat(after.status()).as(after.body().toString()).isEqualTo(201);
    assertThat(backups(all())).isEmpty();
  }

  // ---- helpers ----

  private interface Body {
    String of(int i);
  }

  private List<Answer> race(Body body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return put("all", body.of(n), "racer-" + n);
                }));
      }
      go.countDown();
      List<Answer> all = new ArrayList<>();
      for (Future<Answer> f : answers) {
        all.add(f.get(30, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private Answer put(String scope, String body, String user) throws Exception {
    return send("PUT", "/api/routes/" + scope + "/backups", DevKeys.ENGINEER, body, user);
  }

  private Answer send(String method, String path, String key, String body, String user)
      throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("X-ChannelShift-User", user)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(
        r.statusCode(), r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body()));
  }

  private JsonNode all() {
    for (JsonNode t : api.routes().body().path("tables")) {
      if (t.path("scope").asText().equals("all")) {
        return t;
      }
    }
    throw new AssertionError("no table for all: " + api.routes().body());
  }

  private static List<String> backups(JsonNode table) {
    List<String> channels = new ArrayList<>();
    table.path("backups").forEach(b -> channels.add(b.asText()));
    return channels;
  }

  private String recorded(long version) throws Exception {
    try (var c = stack.dataSource().getConnection();
        var s =
            c.prepareStatement(
                "select created_by || ' | ' || reason from routing_tables where version = ?")) {
      s.setLong(1, version);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private void awaitWeight(String migrationId, int weight) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (api.migration(migrationId).body().path("weightBps").asInt() != weight) {
      assertThat(System.nanoTime())
          .as("%s reaching %d bps", migrationId, weight)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** Two steps, the first at 50% waiting for approval so that the migration holds there. */
  private static String plan(String id) {
    return """
        {"migrationId":"%s","fromChannel":"legacy","toChannel":"nova","scope":"all",
         "steps":[{"weightBps":5000,"minDuration":"PT1S","minSamples":0,"requireApproval":true},
                  {"weightBps":10000,"minDuration":"PT1S","minSamples":0}],
         "evaluationInterval":"PT1S","failureLimit":3,"bakePeriod":"PT1H"}"""
        .formatted(id);
  }
}
