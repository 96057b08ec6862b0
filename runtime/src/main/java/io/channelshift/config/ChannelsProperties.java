package io.channelshift.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The payment channels and how providers and routing reach them: {@code
 * channelshift.channels.<name>.*}, {@code channelshift.default-channel} and {@code
 * channelshift.notify-base-url}. Each channel's adapter is built and checked at start-up, in the
 * configured order; one that lacks a setting its type needs stops start-up naming every missing
 * setting at once.
 *
 * @param channels each channel's settings by its name (the name is what routing tables and
 *     migration plans use); default none.
 * @param defaultChannel the channel the initial routing table sends everything to; default {@code
 *     legacy}. The starter stops at start-up when it names no enabled channel.
 * @param notifyBaseUrl the base URL providers reach us on; callbacks go to {@code
 *     {notifyBaseUrl}/notify/{channel}}. Default {@code http://127.0.0.1:8080}.
 */
@ConfigurationProperties("channelshift")
public record ChannelsProperties(
    Map<String, ChannelProperties> channels, String defaultChannel, String notifyBaseUrl) {

  public ChannelsProperties {
    channels = Settings.orderedCopy(channels);
    defaultChannel = defaultChannel == null ? "legacy" : defaultChannel;
    notifyBaseUrl = notifyBaseUrl == null ? "http://127.0.0.1:8080" : notifyBaseUrl;
  }
}
