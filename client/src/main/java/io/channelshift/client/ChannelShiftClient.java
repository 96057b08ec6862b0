package io.channelshift.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's Java client for ChannelShift's payment API: start a payment, read it, refund it,
 * read a refund. Every call carries the API key (role {@code platform}) and a timeout. Calls that
 * got no answer, or were answered 503/504/429 (ChannelShift not ready, or a proxy's), are sent
 * again on an exponential backoff: every call is safe to repeat, because the order id and the
 * refund id make it idempotent. A refusal is a {@link ChannelShiftException} carrying the answer's
 * problem+json. Thread-safe; build one per process.
 *
 * <pre>{@code
 * ChannelShiftClient payments = ChannelShiftClient.builder(URI.create("https://pay.example.com"), apiKey).build();
 * PaymentCreated created = payments.createPayment(
 *     new NewPayment("order-1", "user-7", 3000, "CNY", "game_card", "60 gems", "203.0.113.9"));
 * // send the paying user to created.payUrl(); the fulfilment webhook says when it is paid
 * }</pre>
 */
public final class ChannelShiftClient {

  private static final String PAYMENTS = "/api/payments";

  private final String baseUrl;
  private final String apiKey;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Retry retry;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer server may say more
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

  private ChannelShiftClient(Builder b) {
    String base = b.baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.apiKey = b.apiKey;
    this.http =
        b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    this.requestTimeout = b.requestTimeout;
    this.retry =
        Retry.of(
            "channelshift",
            RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(b.maxAttempts)
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(b.firstBackoff, 2.0, 0.5))
                .retryOnException(
                    e -> e instanceof IOException) // no answer (refused, reset, timed out)
                .retryOnResult(ChannelShiftClient::notReady)
                .failAfterMaxAttempts(
                    false) // the last answer is then read like any other: a ChannelShiftException
                .build());
  }

  /** A client of the ChannelShift starter at {@code baseUrl}, calling with {@code apiKey}. */
  public static Builder builder(URI baseUrl, String apiKey) {
    return new Builder(baseUrl, apiKey);
  }

  /**
   * Starts the payment, or answers the one already started by the same request, with its pay URL.
   * Refused: 422 (bad field, the order id used with another user or amount, or a risk rule), 409
   * (the order id belongs to a payment that has ended), 502 (the provider refused the order).
   */
  public PaymentCreated createPayment(NewPayment payment) {
    return read(call("POST", PAYMENTS, payment), 201, PaymentCreated.class);
  }

  /** The payment with this order id; empty when ChannelShift knows none. */
  public Optional<Payment> payment(String orderId) {
    HttpResponse<String> answer = call("GET", PAYMENTS + "/" + segment(orderId), null);
    return answer.statusCode() == 404
        ? Optional.empty()
        : Optional.of(read(answer, 200, Payment.class));
  }

  /**
   * Closes the unpaid payment at the provider (its user cancelled the order, say) and answers it
   * once closed: {@code CLOSED}, or {@code PAID} when the user paid first. Closing again answers
   * the same. Refused: 409 (money has come: refund it instead), 404 (no running payment).
   */
  public Payment closePayment(String orderId, String reason) {
    Map<String, String> body = reason == null ? Map.of() : Map.of("reason", reason);
    return read(
        call("POST", PAYMENTS + "/" + segment(orderId) + "/close", body), 200, Payment.class);
  }

  /**
   * Asks for a refund on the payment's channel and answers it as accepted ({@code REQUESTED}); its
   * end is read with {@link #refund(String, String)}. Refused: 422 (more than is left to refund),
   * 409 (another refund in flight, or the payment is not paid), 404 (no running payment).
   */
  public Refund refund(String orderId, NewRefund refund) {
    return read(
        call("POST", PAYMENTS + "/" + segment(orderId) + "/refunds", refund), 202, Refund.class);
  }

  /** One refund of the payment; empty when there is no such payment or refund. */
  public Optional<Refund> refund(String orderId, String refundId) {
    HttpResponse<String> answer =
        call("GET", PAYMENTS + "/" + segment(orderId) + "/refunds/" + segment(refundId), null);
    return answer.statusCode() == 404
        ? Optional.empty()
        : Optional.of(read(answer, 200, Refund.class));
  }

  @Override
  public String toString() {
    return "ChannelShiftClient[" + baseUrl + "]"; // never the key
  }

  private HttpResponse<String> call(String method, String path, Object body) {
    HttpRequest request = request(method, path, body);
    try {
      return Retry.decorateCheckedSupplier(
              retry, () -> http.send(request, HttpResponse.BodyHandlers.ofString()))
          .get();
    } catch (IOException e) {
      int attempts = retry.getRetryConfig().getMaxAttempts();
      throw new ChannelShiftException(
          method
              + " "
              + path
              + ": no answer after "
              + attempts
              + (attempts == 1 ? " attempt (" : " attempts (")
              + e.getClass().getSimpleName()
              + "); the same request may be sent again",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelShiftException(method + " " + path + ": interrupted", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest request(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + apiKey)
            .header("Accept", "application/json");
    if (body == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    try {
      return request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * Not ready, or not ChannelShift's answer: ChannelShift's 503 (Temporal or PostgreSQL did not
   * answer in time), a gateway's 504 or 429, or a 502 that is not ChannelShift's problem+json
   * (ChannelShift's own 502 is the provider's definitive refusal, which sending again would not
   * change).
   */
  private static boolean notReady(HttpResponse<String> answer) {
    int status = answer.statusCode();
    return ChannelShiftException.notReady(status) || (status == 502 && !isProblem(answer));
  }

  private static boolean isProblem(HttpResponse<String> answer) {
    return answer
        .headers()
        .firstValue("Content-Type")
        .orElse("")
        .startsWith("application/problem+json");
  }

  private <T> T read(HttpResponse<String> answer, int expected, Class<T> type) {
    if (answer.statusCode() != expected) {
      throw refusal(answer);
    }
    try {
      return json.readValue(answer.body(), type);
    } catch (JsonProcessingException e) {
      throw new ChannelShiftException(
          answer.statusCode(),
          "Unreadable answer",
          "HTTP "
              + answer.statusCode()
              + " without a readable "
              + type.getSimpleName()
              + ": "
              + e.getOriginalMessage(),
          List.of());
    }
  }

  private ChannelShiftException refusal(HttpResponse<String> answer) {
    int status = answer.statusCode();
    try {
      JsonNode problem = json.readTree(answer.body());
      if (problem != null && problem.isObject()) {
        List<ChannelShiftException.FieldError> errors = new ArrayList<>();
        problem
            .path("errors")
            .forEach(
                e ->
                    errors.add(
                        new ChannelShiftException.FieldError(
                            e.path("field").asText(), e.path("problem").asText())));
        return new ChannelShiftException(
            status,
            problem.path("title").asText("HTTP " + status),
            problem.path("detail").asText(null),
            errors);
      }
    } catch (JsonProcessingException e) {
      // not JSON: a proxy's page, say; its first line is all that helps
    }
    String body = answer.body() == null ? "" : answer.body().strip();
    return new ChannelShiftException(
        status, "HTTP " + status, body.lines().findFirst().orElse(""), List.of());
  }

  /** Ids are plain ([A-Za-z0-9_.:-]), but a wrong one must not change which path is called. */
  private static String segment(String id) {
    Objects.requireNonNull(id, "id");
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** How to reach ChannelShift and how hard to try. */
  public static final class Builder {

    private final URI baseUrl;
    private final String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private int maxAttempts = 3;
    private Duration firstBackoff = Duration.ofMillis(500);
    private HttpClient http;

    private Builder(URI baseUrl, String apiKey) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalArgumentException("an API key (role platform) is required");
      }
      this.apiKey = apiKey;
    }

    /**
     * How long to wait for a connection; default 3 s. Ignored with {@link #httpClient(HttpClient)}.
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long to wait for one answer; default 15 s, longer than the starter's checkout timeout (10
     * s by default), so that a slow create is answered 503 by ChannelShift rather than cut off
     * here.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** Attempts per call, the first included; default 3. 1 turns retries off. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The wait before the second attempt (doubling after, ±50% jitter); default 500 ms. */
    public Builder firstBackoff(Duration backoff) {
      this.firstBackoff = positive(backoff, "firstBackoff");
      return this;
    }

    /** Your own HTTP client (a proxy, TLS settings, an executor). */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    public ChannelShiftClient build() {
      return new ChannelShiftClient(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
