package io.channelshift.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A payment to start. The order id is the business key: the same request again answers the same
 * payment, so a create whose answer was lost can be sent again as it is.
 *
 * @param orderId the platform's order id, 1–64 of {@code A-Z a-z 0-9 _ . : -}
 * @param userId who pays (decides the channel during a migration: a user stays on one channel)
 * @param amountMinor the amount in minor units (fen, cents), positive
 * @param currency an ISO 4217 code the server accepts (CNY, USD, HKD, EUR by default)
 * @param productType one of the server's product types (game_card, topup, membership by default)
 * @param subject what the paying user sees at the cashier; optional
 * @param clientIp the paying user's IP address; optional, used by the risk rules
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewPayment(
    String orderId,
    String userId,
    long amountMinor,
    String currency,
    String productType,
    String subject,
    String clientIp) {

  public NewPayment {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(productType, "productType");
  }
}
