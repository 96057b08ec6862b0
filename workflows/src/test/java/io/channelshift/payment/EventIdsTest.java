package io.channelshift.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Event ids are unique by construction: no two different events share one, whatever their ids hold.
 */
class EventIdsTest {

  @Test
  void refundsThatSharedAnEventIdBeforeGetDifferentOnes() {
    assertThat(RefundWebhook.eventIdBeforeEventIds("o-1", "r-2"))
        .isEqualTo(RefundWebhook.eventIdBeforeEventIds("o", "1-r-2"));

    assertThat(RefundWebhook.eventId("o-1", "r-2")).isEqualTo("refund/o-1/r-2");
    assertThat(RefundWebhook.eventId("o", "1-r-2")).isEqualTo("refund/o/1-r-2");
  }

  @Test
  void theKindsNeverMeet() {
    assertThat(EventIds.fulfilment("x")).isEqualTo("fulfil-x");
    assertThat(EventIds.fulfilment("refund/a/b")).isNotEqualTo(EventIds.refund("a", "b"));
    assertThat(EventIds.refund("fulfil-a", "b")).doesNotStartWith("fulfil-");
    assertThat(EventIds.of("migration", "m", "1", "STEP"))
        .isNotEqualTo(EventIds.of("migration", "m/1", "STEP"));
  }

  @Test
  void everyIdIsVisibleAsciiWithoutSpaces_safeInAHeader() {
    assertThat(EventIds.refund("订单 1", "r\n/%"))
        .matches("[\\x21-\\x7e]+")
        .isEqualTo("refund/%E8%AE%A2%E5%8D%95%201/r%0A%2F%25");
  }

  /**
   * Property: over generated order and refund ids made of the API's alphabet, dense in {@code -}
   * (and a few with {@code /} and {@code %}, which only a direct signal could bring), two different
   * pairs never share an event id.
   */
  @Test
  void noTwoDifferentPairsShareAnEventId() {
    Random random = new Random(15);
    String alphabet = "ab-1-.:_-/%";
    Map<String, List<String>> pairsById = new HashMap<>();
    int collisionsBefore = 0;
    Map<String, List<String>> before = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      String order = word(random, alphabet);
      String refund = word(random, alphabet);
      String pair = order + "\u0000" + refund;
      pairsById
          .computeIfAbsent(RefundWebhook.eventId(order, refund), k -> new ArrayList<>())
          .add(pair);
      before
          .computeIfAbsent(
              RefundWebhook.eventIdBeforeEventIds(order, refund), k -> new ArrayList<>())
          .add(pair);
    }
    for (List<String> pairs : before.values()) {
      if (pairs.stream().distinct().count() > 1) {
        collisionsBefore++;
      }
    }

    assertThat(pairsById.values())
        .allSatisfy(pairs -> assertThat(pairs.stream().distinct()).hasSize(1));
    assertThat(collisionsBefore).as("event ids two different refunds shared before").isPositive();
  }

  private static String word(Random random, String alphabet) {
    int length = 1 + random.nextInt(5);
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < length; i++) {
      w.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return w.toString();
  }
}
