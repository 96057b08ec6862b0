package io.channelshift.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code channelshift api-key new}: a fresh random key, printed once, with the settings that let
 * the starter accept it. The starter only ever holds the key's SHA-256. The roles and the hash are
 * spelled here as the starter reads them (its {@code Role} and {@code ApiKeys}), so that the CLI
 * needs nothing of the starter; ApiKeyCommandTest in app/ checks that the starter accepts what this
 * prints.
 */
@Command(
    name = "api-key",
    mixinStandardHelpOptions = true,
    subcommands = ApiKeyCommand.New.class,
    description = "Make API keys for the REST API.")
public final class ApiKeyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description =
          "Print a new random API key and the starter settings (its hash and roles) that accept it.")
  static final class New implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--name",
        required = true,
        description = "who holds the key; recorded as who asked")
    String name;

    @Option(
        names = "--roles",
        required = true,
        split = ",",
        description = "platform, engineer and/or ops")
    List<String> roles;

    @Override
    public Integer call() {
      if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new ParameterException(
            spec.commandLine(), "--name: lower-case letters, digits and dashes");
      }
      List<Role> parsed;
      try {
        parsed = roles.stream().map(Role::parse).distinct().toList();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--roles: " + e.getMessage());
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String key = "csk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      String roleList =
          parsed.stream()
              .map(r -> r.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(","));
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "API key for " + name + " (" + roleList + "); shown this once, give it to its holder:");
      out.println("  " + key);
      out.println("Starter settings (the hash only):");
      out.println("  channelshift.security.api-keys." + name + ".sha256=" + sha256Hex(key));
      out.println("  channelshift.security.api-keys." + name + ".roles=" + roleList);
      out.flush();
      return 0;
    }
  }

  /** The roles a key may have, as the starter names them. */
  enum Role {
    PLATFORM,
    ENGINEER,
    OPS;

    /** {@code platform} → PLATFORM; anything else is refused with the roles there are. */
    static Role parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown role " + text + " (platform, engineer, ops)");
      }
    }
  }

  /** The key's SHA-256 in lower-case hex: what the starter's settings hold instead of the key. */
  static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
