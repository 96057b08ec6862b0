package io.channelshift.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.payment.PaymentRequest;
import io.channelshift.payment.PaymentTiming;
import io.channelshift.payment.RouteDecision;
import io.channelshift.starter.api.ApiProblem;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The REST start waits a bounded time for the pay URL, even when no worker is there to answer. */
class PaymentGatewayTest {

  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    for (var key : TemporalNames.CUSTOM_SEARCH_ATTRIBUTES) {
      env.registerSearchAttribute(key.getName(), key.getValueType() == IndexedValueType.INDEXED_VALUE_TYPE_INT
          ? IndexedValueType.INDEXED_VALUE_TYPE_INT : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    env.start(); // no worker polls the payment task queue
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void givenNoWorker_startAnswers503WithinTheCheckoutTimeout() {
    PaymentGateway gateway = new PaymentGateway(env.getWorkflowClient(), Duration.ofMillis(500));
    PaymentRequest request = new PaymentRequest("o-1", "u", 100, "CNY", "topup", "s", null,
        new RouteDecision("legacy", 1, 5), PaymentTiming.DEFAULT);

    long began = System.nanoTime();
    assertThatThrownBy(() -> gateway.start(request))
        .isInstanceOfSatisfying(ApiProblem.class, p -> {
          assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
          assertThat(p.getMessage()).contains("send the same request again");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    gateway.stop();
  }
}
