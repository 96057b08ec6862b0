package io.channelshift.channel;

import java.util.Optional;

/**
 * What an engineer can ask of a channel, and the one rule of which state each may leave from. The
 * workflow's update validator and the store both apply it, so a request the rule refuses is refused
 * without history, and the store still refuses it when its state moved in between.
 */
public enum LifecycleAction {
  DRAIN(ChannelState.DRAINING),
  RETIRE(ChannelState.RETIRED),
  ACTIVATE(ChannelState.ACTIVE);

  private final ChannelState target;

  LifecycleAction(ChannelState target) {
    this.target = target;
  }

  public ChannelState target() {
    return target;
  }

  /**
   * Why this action may not leave {@code current}, empty when it may. Retiring goes through
   * draining, so that a channel stops taking payments before anyone counts what it still holds.
   */
  public Optional<String> refusalFrom(ChannelState current) {
    if (current == target) {
      return Optional.of("the channel is already " + current);
    }
    return switch (this) {
      case DRAIN ->
          current == ChannelState.RETIRED
              ? Optional.of("the channel is RETIRED: activate it, it takes nothing to drain")
              : Optional.empty();
      case RETIRE ->
          current == ChannelState.ACTIVE
              ? Optional.of("the channel is ACTIVE: drain it first, so it stops taking payments")
              : Optional.empty();
      case ACTIVATE -> Optional.empty();
    };
  }

  /** The action named in a URL or on the command line ({@code drain}, {@code retire}, ...). */
  public static Optional<LifecycleAction> named(String name) {
    for (LifecycleAction a : values()) {
      if (a.name().equalsIgnoreCase(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
