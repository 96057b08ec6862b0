package io.channelshift.starter.web;

import io.channelshift.config.ChannelShiftProperties;
import io.channelshift.starter.security.ApiKeys;
import java.util.List;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** One API key per role, as a slice test's settings accept them, and the header that presents one. */
public final class TestKeys {

  public static final String PLATFORM = "csk_test_platform";
  public static final String ENGINEER = "csk_test_engineer";
  public static final String OPS = "csk_test_ops";

  private TestKeys() {}

  /** The request presents {@code key} as the API client does: {@code Authorization: Bearer <key>}. */
  public static RequestPostProcessor key(String key) {
    return request -> {
      request.addHeader("Authorization", "Bearer " + key);
      return request;
    };
  }

  /** Settings that accept the three keys above, each with its one role, and payload encryption off. */
  static ChannelShiftProperties settings() {
    ChannelShiftProperties props = new ChannelShiftProperties();
    accept(props, "shop", PLATFORM, "platform");
    accept(props, "eng", ENGINEER, "engineer");
    accept(props, "ops-team", OPS, "ops");
    props.getCodec().setEnabled(false);
    return props;
  }

  private static void accept(ChannelShiftProperties props, String name, String key, String role) {
    ChannelShiftProperties.ApiKey apiKey = new ChannelShiftProperties.ApiKey();
    apiKey.setSha256(ApiKeys.sha256Hex(key));
    apiKey.setRoles(List.of(role));
    props.getSecurity().getApiKeys().put(name, apiKey);
  }
}
