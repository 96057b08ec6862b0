package io.channelshift.activities.robots;

import io.channelshift.http.BlockingHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts migration and failover events to the configured chat robots, beside the platform webhook
 * and never in its way.
 *
 * <p>Why this shape: the events are announced by activities that retry for a day until the
 * platform's webhook is acknowledged (MigrationStubs, HealthStubs); workflow code stays as it is
 * (no history change). A robot post is therefore made from the same activity, <em>before</em> the
 * platform webhook and without waiting for it: people hear of a rollback even while the platform's
 * webhook is down, and a robot that is down delays nothing and fails nothing. Each post has its own
 * bounded retries (attempts, back-off, a timeout on each); one that still fails is counted ({@code
 * channelshift_robot_posts_total{robot,outcome="gave_up"}}) and logged, and the platform webhook,
 * the durable record, is unaffected. An event is posted once per robot even when the activity is
 * retried <em>on this worker</em> (remembered in this process's memory: an attempt retried on
 * another worker, or after a restart, posts it again; a robot post is an alert, not a ledger).
 * Robots do not dedupe by themselves.
 */
public final class RobotAlerts implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RobotAlerts.class);
  private static final int REMEMBERED = 10_000;

  private final List<ChatRobot> robots;
  private final int attempts;
  private final Duration backoff;
  private final BlockingHttp http;
  private final Clock clock;
  private final MeterRegistry meters;

  /** One thread per robot: a robot that is slow or hangs until its timeout holds up only itself. */
  private final Map<ChatRobot, ScheduledExecutorService> posting = new IdentityHashMap<>();

  private final Map<String, Boolean> posted =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  /**
   * @param robots the robots configured; none means nothing is posted
   * @param timeout connect and read timeout of each post
   * @param attempts posts per event and robot at most (at least 1)
   * @param backoff the wait before the second post, doubled for each further one
   */
  public RobotAlerts(
      List<ChatRobot> robots,
      Duration timeout,
      int attempts,
      Duration backoff,
      Clock clock,
      MeterRegistry meters) {
    this.robots = List.copyOf(robots);
    this.attempts = Math.max(1, attempts);
    this.backoff = backoff;
    this.http = new BlockingHttp(timeout, timeout);
    this.clock = clock;
    this.meters = meters;
    for (ChatRobot robot : this.robots) {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "chat-robot-" + robot.name());
                t.setDaemon(true);
                return t;
              });
      executor.setRemoveOnCancelPolicy(true);
      posting.put(robot, executor);
    }
  }

  /** No robots: what a worker without {@code channelshift.robots.*} uses. */
  public static RobotAlerts none(MeterRegistry meters) {
    return new RobotAlerts(
        List.of(), Duration.ofSeconds(5), 1, Duration.ofSeconds(1), Clock.systemUTC(), meters);
  }

  public List<ChatRobot> robots() {
    return robots;
  }

  /** Whether any robot posts events of this webhook type (else there is no message to make). */
  public boolean anyWants(String type) {
    return robots.stream().anyMatch(robot -> robot.wants(type));
  }

  /**
   * Queues the message for every robot that wants its type and has not had it yet; returns at once.
   */
  public void post(RobotMessage message) {
    for (ChatRobot robot : robots) {
      if (robot.wants(message.type()) && firstTime(robot, message.eventId())) {
        posting.get(robot).execute(() -> attempt(robot, message, 1));
      }
    }
  }

  private synchronized boolean firstTime(ChatRobot robot, String eventId) {
    return posted.putIfAbsent(robot.name() + "|" + eventId, Boolean.TRUE) == null;
  }

  private void attempt(ChatRobot robot, RobotMessage message, int attempt) {
    String failure;
    try {
      RobotFormats.Post post = RobotFormats.post(robot, message, clock.instant());
      BlockingHttp.Response response =
          http.exchange(
              "POST",
              post.url(),
              Map.of("Content-Type", "application/json; charset=utf-8"),
              post.body());
      RobotFormats.Verdict verdict = RobotFormats.verdict(robot, response);
      if (verdict instanceof RobotFormats.Verdict.Accepted) {
        count(robot, "delivered");
        return;
      }
      failure = ((RobotFormats.Verdict.Refused) verdict).detail();
      count(robot, "refused");
    } catch (IOException e) {
      failure = e.getClass().getSimpleName();
      count(robot, "unreachable");
    } catch (RuntimeException e) {
      failure = e.getClass().getSimpleName();
      count(robot, "failed");
    }
    if (attempt < attempts) {
      long waitMs = backoff.toMillis() << Math.min(attempt - 1, 10);
      posting
          .get(robot)
          .schedule(() -> attempt(robot, message, attempt + 1), waitMs, TimeUnit.MILLISECONDS);
      return;
    }
    count(robot, "gave_up");
    // Names the robot and its host only: the URL's path, query and the signature hold secrets.
    log.warn(
        "{} robot at {} did not take {} after {} attempts: {}",
        robot.name(),
        robot.where(),
        message.eventId(),
        attempts,
        failure);
  }

  /** {@code channelshift.robot.posts}: each attempt's outcome, and the posts given up, by robot. */
  private void count(ChatRobot robot, String outcome) {
    meters
        .counter("channelshift.robot.posts", "robot", robot.name(), "outcome", outcome)
        .increment();
  }

  @Override
  public void close() {
    posting.values().forEach(ScheduledExecutorService::shutdownNow);
  }
}
