package io.channelshift.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configured channels, by name. */
public final class ProviderRegistry {

  private final Map<String, PaymentProvider> byChannel = new LinkedHashMap<>();
  private final Set<String> disabled;

  public ProviderRegistry(List<PaymentProvider> providers) {
    this(providers, Set.of());
  }

  /**
   * @param disabled channels configured with {@code enabled=false}: loaded (their payments still
   *     need them) but taking no new payments
   */
  public ProviderRegistry(List<PaymentProvider> providers, Set<String> disabled) {
    this.disabled = Set.copyOf(disabled);
    for (PaymentProvider p : providers) {
      if (byChannel.put(p.channel(), p) != null) {
        throw new IllegalArgumentException("channel " + p.channel() + " is configured twice");
      }
    }
  }

  public Optional<PaymentProvider> find(String channel) {
    return Optional.ofNullable(byChannel.get(channel));
  }

  public PaymentProvider get(String channel) {
    return find(channel)
        .orElseThrow(
            () ->
                new ProviderException(
                    ProviderErrorType.UNKNOWN_CHANNEL,
                    "channel " + channel + " is not configured",
                    null));
  }

  public Set<String> channels() {
    return byChannel.keySet();
  }

  /** Whether the channel is configured with {@code enabled=false}. */
  public boolean disabled(String channel) {
    return disabled.contains(channel);
  }
}
