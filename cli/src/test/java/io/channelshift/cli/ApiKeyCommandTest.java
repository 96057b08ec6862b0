package io.channelshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What {@code api-key new} prints, read on its own (app's ApiKeyCommandTest checks the starter
 * accepts it).
 */
class ApiKeyCommandTest {

  @Test
  void printsTheKeyOnceWithItsSha256AndTheRolesOnce() {
    StringWriter out = new StringWriter();
    int exit =
        new CommandLine(new ApiKeyCommand())
            .setOut(new PrintWriter(out))
            .execute("new", "--name", "eng-2", "--roles", " Engineer,ops,engineer");

    assertThat(exit).isZero();
    List<String> lines = out.toString().lines().map(String::strip).toList();
    assertThat(lines.get(0))
        .isEqualTo("API key for eng-2 (engineer,ops); shown this once, give it to its holder:");
    String key = lines.get(1);
    assertThat(lines.get(3))
        .isEqualTo("channelshift.security.api-keys.eng-2.sha256=" + ApiKeyCommand.sha256Hex(key));
    assertThat(ApiKeyCommand.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(lines.get(4)).isEqualTo("channelshift.security.api-keys.eng-2.roles=engineer,ops");
  }

  @Test
  void aNameThatCannotBeASettingsKeyIsRefused() {
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new ApiKeyCommand())
            .setErr(new PrintWriter(err))
            .execute("new", "--name", "Shop 1", "--roles", "platform");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--name: lower-case letters, digits and dashes");
  }
}
