package io.channelshift.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;

/**
 * Routing properties over generated ramps: a user once on the channel being ramped up stays there
 * as its weight rises (whatever the other channels are), and the share of users on it follows its
 * weight.
 */
class RouterPropertiesTest {

  @Property(tries = 200)
  void aRisingRampNeverMovesAUserBack(
      @ForAll("ramps") List<Integer> ramp,
      @ForAll("userIds") String user,
      @ForAll @IntRange(min = 0, max = 100) int thirdShare) {
    boolean onNew = false;
    for (int i = 0; i < ramp.size(); i++) {
      RoutingTable table = table(i + 1, ramp.get(i), thirdShare);
      boolean nowOnNew = Router.decide(table, user).channel().equals("nova");
      assertThat(!onNew || nowOnNew).as("%s moved back at %d bps", user, ramp.get(i)).isTrue();
      onNew = nowOnNew;
    }
  }

  @Property(tries = 50)
  void theShareOnTheRampedChannelFollowsItsWeight(
      @ForAll @IntRange(min = 0, max = 10_000) int weight,
      @ForAll @IntRange(min = 0, max = 100) int thirdShare,
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    int users = 20_000;
    int onNew = 0;
    for (int u = 0; u < users; u++) {
      if (Router.decide(table(1, weight, thirdShare), "user-" + seed + "-" + u)
          .channel()
          .equals("nova")) {
        onNew++;
      }
    }
    double share = (double) onNew / users;
    // 20,000 users: the binomial standard deviation is at most 0.0035; 0.015 is over four of them.
    assertThat(share).isCloseTo(weight / 10_000.0, Offset.offset(0.015));
  }

  /**
   * nova at the given weight; the rest split between legacy and a third channel (thirdShare percent
   * of it).
   */
  private static RoutingTable table(long version, int novaWeight, int thirdShare) {
    int rest = RoutingTable.FULL - novaWeight;
    int third = rest * thirdShare / 100;
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("nova", novaWeight);
    weights.put("legacy", rest - third);
    weights.put("backup", third);
    return new RoutingTable(RoutingTable.ALL, version, weights, "nova");
  }

  @Provide
  Arbitrary<List<Integer>> ramps() {
    return Arbitraries.integers()
        .between(1, 10_000)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .map(
            steps -> {
              List<Integer> sorted = new ArrayList<>(steps.stream().distinct().sorted().toList());
              sorted.add(RoutingTable.FULL);
              return sorted.stream().distinct().toList();
            });
  }

  @Provide
  Arbitrary<String> userIds() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
  }
}
