package io.channelshift.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A profile's samples go to the part of the stack whose threads spent them. */
class CpuComponentsTest {

  @Test
  void samplesGoToTheirThreadsComponent() {
    Map<String, Long> byComponent =
        CpuComponents.samples(
            Stream.of(
                "[http-nio-127.0.0.1-8080-exec-3 tid=7945];java/lang/Thread.run;org/apache/Foo.bar 12",
                "[Local Activity Executor taskQueue=\"channelshift-payments\", namespace=\"default\": 3 tid=8240];a;b 5",
                "[Activity Executor taskQueue=\"channelshift-payments\", namespace=\"default\": 1 tid=8241];a 4",
                "[workflow-method-payment-cs0-1-abc tid=9000];x 3",
                "[Workflow Executor taskQueue=\"channelshift-payments\", namespace=\"default\": 2 tid=9001];x 2",
                "[Workflow Poller taskQueue=\"channelshift-payments\", namespace=\"default\": 1 tid=9002];x 1",
                "[grpc-default-executor-12 tid=1];y 7",
                "[sandbox-legacy tid=2];z 6",
                "[bench-client-4 tid=3];c 2",
                "[C2 CompilerThre tid=4];j 9",
                "[VM Thread tid=5];v 1",
                ""));

    assertThat(byComponent.keySet())
        .as("every component, in order")
        .containsExactlyElementsOf(
            CpuComponents.COMPONENTS.stream().map(CpuComponents.Component::name).toList());
    assertThat(
            byComponent.get("REST API: Tomcat, Spring MVC and security, the starter's controllers"))
        .isEqualTo(12);
    assertThat(byComponent.get("local activities")).isEqualTo(5);
    assertThat(byComponent.get("activities")).isEqualTo(4);
    assertThat(byComponent.get("workflow code and the SDK's state machines")).isEqualTo(5);
    assertThat(byComponent.get("task pollers and timers")).isEqualTo(1);
    assertThat(byComponent.get("gRPC and the Temporal test server")).isEqualTo(7);
    assertThat(byComponent.get("sandbox providers and the webhook receiver")).isEqualTo(6);
    assertThat(byComponent.get("benchmark clients")).isEqualTo(2);
    assertThat(byComponent.get("JIT compiler")).isEqualTo(9);
    assertThat(byComponent.get("other")).isEqualTo(1);
    assertThat(byComponent.get("the starter's update-with-start")).isZero();
  }

  @Test
  void theThreadIsTheFirstFrameWithoutItsId() {
    assertThat(CpuComponents.threadOf("[checkout tid=8583];a;b 3")).isEqualTo("checkout");
    assertThat(CpuComponents.threadOf("java/lang/Thread.run;a 3")).isEmpty();
  }
}
