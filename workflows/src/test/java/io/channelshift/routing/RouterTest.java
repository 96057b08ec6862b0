package io.channelshift.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.payment.RouteDecision;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RouterTest {

  @Test
  void aUsersBucketIsStableAndInRange() {
    assertThat(Router.bucket("alice")).isEqualTo(Router.bucket("alice"));
    IntStream.range(0, 10_000)
        .forEach(i -> assertThat(Router.bucket("user-" + i)).isBetween(0, 9999));
  }

  @Test
  void bucketsSpreadEvenlyEnoughForPercentRamps() {
    long onePercent = IntStream.range(0, 100_000).filter(i -> Router.bucket("u" + i) < 100).count();
    assertThat(onePercent).isBetween(800L, 1200L); // 1% of 100,000, within 20%
  }

  @Test
  void aSingleChannelTableSendsEveryoneThere() {
    RoutingTable table = RoutingTable.single(RoutingTable.ALL, 3, "legacy");

    RouteDecision decision = Router.decide(table, "bob");

    assertThat(decision.channel()).isEqualTo("legacy");
    assertThat(decision.tableVersion()).isEqualTo(3);
  }

  @Test
  void raisingTheNewChannelsWeightNeverMovesAUserBack() {
    int[] ramp = {100, 500, 2500, 5000, 10_000};
    for (int u = 0; u < 5_000; u++) {
      String user = "user-" + u;
      boolean onNew = false;
      for (int i = 0; i < ramp.length; i++) {
        RoutingTable table =
            new RoutingTable(
                RoutingTable.ALL,
                i + 1,
                Map.of("nova", ramp[i], "legacy", RoutingTable.FULL - ramp[i]),
                "nova");
        boolean nowOnNew = Router.decide(table, user).channel().equals("nova");
        assertThat(!onNew || nowOnNew).as("%s moved back at %d bps", user, ramp[i]).isTrue();
        onNew = nowOnNew;
      }
      assertThat(onNew).isTrue();
    }
  }

  @Test
  void weightsMustAddUpToTheWhole() {
    assertThatThrownBy(() -> new RoutingTable(RoutingTable.ALL, 1, Map.of("legacy", 9000)))
        .hasMessageContaining("10000");
  }
}
