package io.channelshift.app;

import io.channelshift.app.bench.BenchCommand;
import io.channelshift.app.chaos.ChaosCommand;
import io.channelshift.app.demo.DemoCommand;
import io.channelshift.cli.ApiKeyCommand;
import io.channelshift.cli.ChannelsCommand;
import io.channelshift.cli.ClosePaymentCommand;
import io.channelshift.cli.CostsCommand;
import io.channelshift.cli.MigrationCommand;
import io.channelshift.cli.PayCommand;
import io.channelshift.cli.ReconcileCommand;
import io.channelshift.cli.RefundCommand;
import io.channelshift.cli.RoutesCommand;
import io.channelshift.cli.ScopeCommand;
import io.channelshift.cli.ShowPaymentCommand;
import io.channelshift.cli.UnreachableApi;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./channelshift} launcher's entry point. */
@Command(
    name = "channelshift",
    mixinStandardHelpOptions = true,
    version = "ChannelShift 0.1.0",
    description = "Payments and payment-channel migrations as durable Temporal workflows.",
    subcommands = {
      DevCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      ChaosCommand.class,
      PayCommand.class,
      ShowPaymentCommand.class,
      RefundCommand.class,
      ClosePaymentCommand.class,
      RoutesCommand.class,
      ChannelsCommand.class,
      MigrationCommand.class,
      ScopeCommand.class,
      ReconcileCommand.class,
      CostsCommand.class,
      ApiKeyCommand.class,
      WorkerCommand.class,
      StarterCommand.class
    })
public final class ChannelShiftCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code =
        new CommandLine(new ChannelShiftCommand())
            .setExecutionExceptionHandler(new UnreachableApi())
            .execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
