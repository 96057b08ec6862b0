package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.cli.ApiKeyCommand;
import io.channelshift.config.SecurityProperties;
import io.channelshift.starter.security.ApiKeys;
import io.channelshift.starter.security.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The key the CLI makes is one the starter accepts, with the roles it was made for (the two live in
 * separate modules).
 */
class ApiKeyCommandTest {

  @Test
  void aNewKeyIsAcceptedByTheSettingsPrintedWithIt() {
    StringWriter out = new StringWriter();
    int exit =
        new CommandLine(new ApiKeyCommand())
            .setOut(new PrintWriter(out))
            .execute("new", "--name", "shop-1", "--roles", "platform,ops");

    assertThat(exit).isZero();
    List<String> lines = out.toString().lines().map(String::strip).toList();
    String key = lines.get(1);
    String hash = lines.get(3).substring(lines.get(3).indexOf('=') + 1);
    assertThat(key).startsWith("csk_").hasSizeGreaterThan(40);
    assertThat(lines.get(4)).isEqualTo("channelshift.security.api-keys.shop-1.roles=platform,ops");

    SecurityProperties.ApiKey configured =
        new SecurityProperties.ApiKey(hash, List.of("platform", "ops"));
    ApiKeys keys = new ApiKeys(Map.of("shop-1", configured));
    assertThat(keys.authenticate(key))
        .hasValueSatisfying(
            c -> {
              assertThat(c.keyName()).isEqualTo("shop-1");
              assertThat(c.roles()).containsExactlyInAnyOrder(Role.PLATFORM, Role.OPS);
            });
    assertThat(keys.authenticate(key + "x")).isEmpty();
  }

  @Test
  void anUnknownRoleIsRefused() {
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new ApiKeyCommand())
            .setErr(new PrintWriter(err))
            .execute("new", "--name", "x", "--roles", "admin");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("unknown role admin");
  }
}
