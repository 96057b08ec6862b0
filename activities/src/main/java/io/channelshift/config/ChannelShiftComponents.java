package io.channelshift.config;

import io.channelshift.provider.NonceGuard;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.provider.sandbox.SandboxChannelSettings;
import io.channelshift.provider.sandbox.SandboxProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the pieces the worker and the starter share from {@link ChannelShiftProperties}. */
public final class ChannelShiftComponents {

  private ChannelShiftComponents() {}

  public static WorkflowServiceStubs serviceStubs(ChannelShiftProperties props) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(props.getTemporal().getTarget()).build());
  }

  public static WorkflowClient workflowClient(WorkflowServiceStubs stubs, ChannelShiftProperties props) {
    return WorkflowClient.newInstance(stubs,
        WorkflowClientOptions.newBuilder().setNamespace(props.getTemporal().getNamespace()).build());
  }

  /** The enabled channels. A disabled or misconfigured channel is left out, so it can never be chosen. */
  public static ProviderRegistry providers(ChannelShiftProperties props, NonceGuard nonces, Clock clock) {
    List<PaymentProvider> providers = new ArrayList<>();
    for (Map.Entry<String, ChannelShiftProperties.Channel> e : props.getChannels().entrySet()) {
      ChannelShiftProperties.Channel c = e.getValue();
      if (!c.isEnabled()) {
        continue;
      }
      if (!"sandbox".equals(c.getType())) {
        throw new IllegalArgumentException("channel " + e.getKey() + " has unknown type " + c.getType());
      }
      requireSet(e.getKey(), "base-url", c.getBaseUrl());
      requireSet(e.getKey(), "merchant-id", c.getMerchantId());
      requireSet(e.getKey(), "merchant-secret", c.getMerchantSecret());
      String notifyUrl = props.getNotifyBaseUrl() + "/notify/" + e.getKey();
      providers.add(new SandboxProvider(new SandboxChannelSettings(e.getKey(), c.getBaseUrl(), c.getMerchantId(),
          c.getMerchantSecret(), notifyUrl, c.getConnectTimeout(), c.getRequestTimeout()), nonces, clock));
    }
    return new ProviderRegistry(providers);
  }

  private static void requireSet(String channel, String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("channelshift.channels." + channel + "." + key + " is not set");
    }
  }
}
