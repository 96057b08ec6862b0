package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.demo.PaymentLoad;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (the machine's headless Chromium, driven by Selenium) against the
 * whole embedded stack while a migration ramps under paying traffic: a bad key is refused, the
 * engineer signs in, watches the migration move on the page, sees a refused request's reason,
 * pauses it and sees it paused; the key is nowhere in the page's URL or storage, and a change the
 * session sends without its CSRF token is refused. With {@code
 * -Dchannelshift.console.screenshots=DIR} it saves the README's screenshots there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * A quick first step (few samples needed at 20 payments a second), then steps long enough that it
   * still ramps when the test pauses it.
   */
  private static final String PLAN =
      """
      {"migrationId":"%s","fromChannel":"legacy","toChannel":"nova","scope":"all",
       "steps":[{"weightBps":2000,"minDuration":"PT3S","minSamples":3},
                {"weightBps":5000,"minDuration":"PT30S","minSamples":3},
                {"weightBps":10000,"minDuration":"PT30S","minSamples":3}],
       "gates":{"createSuccessRate":{"limit":0.9,"maxDifference":0.05,"minSamples":3},
                "paymentSuccessRate":{"limit":0.6,"maxDifference":0.2,"minSamples":3},
                "createLatencyP95Ms":{"limit":2000,"maxDifference":1000,"minSamples":3},
                "callbackDelayP95Ms":{"limit":5000,"maxDifference":3000,"minSamples":2},
                "verificationFailureRate":{"limit":0.05,"maxDifference":0.05,"minSamples":2}},
       "evaluationInterval":"PT1S","window":"PT6S","failureLimit":3,"inconclusiveLimit":"PT1M","bakePeriod":"PT5S"}""";

  private EmbeddedStack stack;
  private DemoClient api;
  private PaymentLoad traffic;
  private WebDriver browser;
  private Path profile;
  private final String migrationId = "console-" + Long.toHexString(System.nanoTime());

  @BeforeAll
  void start() throws IOException {
    assertThat(Path.of(CHROMIUM))
        .as("Chromium is needed (apt-get install -y chromium chromium-driver)")
        .isExecutable();
    assertThat(Path.of(CHROMEDRIVER)).as("chromium-driver is needed").isExecutable();
    stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING));
    api = new DemoClient(stack);
    traffic = new PaymentLoad(api, migrationId, 20);
    traffic.start();
    profile = Files.createTempDirectory("console-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1100",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build(),
            options);
  }

  @AfterAll
  void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (traffic != null) {
      traffic.stop();
    }
    if (stack != null) {
      stack.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void anEngineerSignsIn_watchesTheMigrationMove_seesARefusalsReason_andPausesIt()
      throws Exception {
    browser.get(stack.apiBaseUrl() + "/console");
    WebDriverWait wait = new WebDriverWait(browser, WAIT);

    // without its script, the form would POST nowhere and send no field: no key in a URL
    WebElement form = browser.findElement(By.id("sign-in-form"));
    assertThat(form.getDomAttribute("method")).isEqualTo("post");
    assertThat(browser.findElement(By.id("api-key")).getDomAttribute("name")).isNull();
    assertThat(browser.findElement(By.id("person")).getDomAttribute("name")).isNull();

    // a key that is not ours
    signIn("csk_not_a_key");
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-problem"))))
        .extracting(WebElement::getText)
        .asString()
        .contains("not an API key of ours");

    signIn(DevKeys.ENGINEER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("migration-list")));
    // the traffic has run since the stack started: both channels have a baseline
    assertThat(api.startMigration(PLAN.formatted(migrationId), "console-test").status())
        .isEqualTo(201);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("migration-detail")));
    wait.until(ExpectedConditions.textToBe(By.id("migration-phase"), "RAMPING"));
    assertThat(browser.findElement(By.id("who-name")).getText()).contains("key dev-engineer");
    // the actions act on the panel drawn, and are enabled once it is the one selected
    assertThat(browser.findElement(By.id("migration-detail")).getDomAttribute("data-id"))
        .isEqualTo(migrationId);
    assertThat(
            browser
                .findElement(By.cssSelector("#migration-actions button[data-action=pause]"))
                .isEnabled())
        .isTrue();

    // the migration moves on the page: the weight goes up, the gates' points grow
    String firstWeight = text("migration-weight");
    int firstPoints = gatePoints();
    wait.until(d -> !text("migration-weight").equals(firstWeight));
    wait.until(d -> gatePoints() >= firstPoints + 10); // two more evaluations of the five gates
    assertThat(browser.findElements(By.cssSelector("#gate-charts .gate canvas"))).hasSize(5);
    assertThat(browser.findElements(By.cssSelector("#weight-chart canvas"))).isNotEmpty();
    screenshot("console-migration.png");

    // a refusal's reason is shown: nothing waits for approval while it ramps
    browser.findElement(By.cssSelector("#migration-actions button[data-action=approve]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "refused"));
    assertThat(text("action-result")).contains("HTTP 409").contains("nothing waits for approval");
    assertThat(browser.findElement(By.id("action-result")).getAttribute("class"))
        .isEqualTo("problem");

    // pause, with a reason, and see it paused; the timeline names who asked
    browser.findElement(By.id("action-reason")).sendKeys("watching from the console");
    browser.findElement(By.cssSelector("#migration-actions button[data-action=pause]")).click();
    wait.until(ExpectedConditions.textToBe(By.id("migration-phase"), "PAUSED"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("migration-timeline"), "console-test (key dev-engineer)"));
    assertThat(api.migration(migrationId).body().path("timeline").toString())
        .contains("watching from the console");

    // a read that fails is shown, the panel marked stale, and it clears when reads work again
    ((JavascriptExecutor) browser)
        .executeScript(
            "window.realFetch = window.fetch;"
                + "window.fetch = (url, options) => String(url).startsWith('/api/migrations')"
                + " ? Promise.resolve(new Response(JSON.stringify({title: 'Internal Server Error',"
                + " detail: 'store down'}), {status: 500,"
                + " headers: {'Content-Type': 'application/problem+json'}}))"
                + " : window.realFetch(url, options);");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("migrations-stale"), "HTTP 500: store down"));
    assertThat(browser.findElement(By.id("view-migrations")).getDomAttribute("class"))
        .contains("stale");
    ((JavascriptExecutor) browser).executeScript("window.fetch = window.realFetch;");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("migrations-stale")));
    assertThat(browser.findElement(By.id("view-migrations")).getDomAttribute("class"))
        .doesNotContain("stale");

    // the key is nowhere the page keeps things, and the session cookie is not readable by script
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertThat(browser.getCurrentUrl()).doesNotContain(DevKeys.ENGINEER);
    assertThat(js.executeScript("return localStorage.length")).isEqualTo(0L);
    assertThat(js.executeScript("return sessionStorage.length")).isEqualTo(0L);
    assertThat((String) js.executeScript("return document.cookie")).doesNotContain("CHANNELSHIFT");
    assertThat(browser.getPageSource()).doesNotContain(DevKeys.ENGINEER);

    // the session's change without its CSRF token is refused, and nothing is done
    Object status =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/migrations/"
                + migrationId
                + "/resume', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                + " body: JSON.stringify({reason: 'forged'})}).then(r => done(r.status));");
    assertThat(status).isEqualTo(403L);
    assertThat(api.migration(migrationId).body().path("phase").asText()).isEqualTo("PAUSED");

    // the channels: state, share per scope, health
    browser.findElement(By.cssSelector("#tabs button[data-tab=channels]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("channel-table")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("channel-table"), "nova"));
    assertThat(text("channel-table")).contains("legacy").contains("ACTIVE");
    screenshot("console-channels.png");

    // signed out, then in as ops: no migration actions; a payment with its Temporal UI link; costs
    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    signIn(DevKeys.OPS);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("migration-detail")));
    assertThat(browser.findElement(By.id("migration-actions")).isDisplayed()).isFalse();
    String orderId = traffic.accepted().iterator().next();
    browser.findElement(By.cssSelector("#tabs button[data-tab=payment]")).click();
    browser.findElement(By.id("order-id")).sendKeys(orderId);
    browser.findElement(By.cssSelector("#payment-form button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("payment-facts")));
    assertThat(text("payment-facts")).contains("status").contains("CNY");
    assertThat(browser.findElement(By.id("temporal-link")).getAttribute("href"))
        .isEqualTo(
            EmbeddedStack.TEMPORAL_UI
                + "/namespaces/"
                + EmbeddedStack.NAMESPACE
                + "/workflows/payment-"
                + orderId);
    browser.findElement(By.cssSelector("#tabs button[data-tab=money]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("costs"), "legacy"));

    // the page broke no rule of its own Content-Security-Policy
    List<LogEntry> problems =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getMessage().contains("Content Security Policy"))
            .toList();
    assertThat(problems).isEmpty();
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteStrict_andAKeysCallMakesNone() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/console/sign-in"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + DevKeys.OPS + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith("CHANNELSHIFT_CONSOLE=")
        .contains("HttpOnly")
        .contains("SameSite=Strict");

    HttpResponse<String> keyed =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.apiBaseUrl() + "/api/channels"))
                .header("Authorization", "Bearer " + DevKeys.OPS)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(keyed.statusCode()).isEqualTo(200);
    assertThat(keyed.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(keyed.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'none'");
  }

  private void signIn(String key) {
    WebElement field = browser.findElement(By.id("api-key"));
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOf(field));
    field.clear();
    field.sendKeys(key);
    WebElement person = browser.findElement(By.id("person"));
    person.clear();
    person.sendKeys("console-test");
    browser.findElement(By.id("sign-in")).click();
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private int gatePoints() {
    String points = browser.findElement(By.id("migration-detail")).getAttribute("data-gate-points");
    return points == null ? 0 : Integer.parseInt(points);
  }

  /** Only when asked: the normal run leaves the committed images alone. */
  private void screenshot(String name) throws IOException {
    String dir = System.getProperty("channelshift.console.screenshots");
    if (dir == null || dir.isBlank()) {
      return;
    }
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(Path.of(dir));
    Files.copy(shot, Path.of(dir, name), StandardCopyOption.REPLACE_EXISTING);
  }
}
