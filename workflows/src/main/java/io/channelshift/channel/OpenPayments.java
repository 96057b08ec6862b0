package io.channelshift.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a channel still holds: why it cannot be retired yet.
 *
 * @param notEnded payments that have not reached an end state (awaiting payment, paid and not yet
 *     fulfilled, refunding)
 * @param inAfterSales ended payments whose after-sales window (refunds, late callbacks) is open
 * @param someOrderIds a few of those payments' order ids, to look at
 * @param lastWindowEndsAtEpochMs when the last of those after-sales windows ends; 0 when none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenPayments(
    long notEnded, long inAfterSales, List<String> someOrderIds, long lastWindowEndsAtEpochMs) {

  public OpenPayments {
    someOrderIds = someOrderIds == null ? List.of() : List.copyOf(someOrderIds);
  }

  public long total() {
    return notEnded + inAfterSales;
  }
}
