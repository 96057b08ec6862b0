package io.channelshift.app;

import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code ./channelshift dev}: the whole stack in this process until Ctrl-C. */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Run Temporal, PostgreSQL, two sandbox providers, the worker and the REST API in one process.")
final class DevCommand implements Callable<Integer> {

  @Override
  public Integer call() throws InterruptedException {
    System.out.println("ChannelShift dev: starting the embedded stack...");
    EmbeddedStack stack = EmbeddedStack.start(StackOptions.dev());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nstopping...");
      stack.close();
      stopped.countDown();
    }, "channelshift-shutdown"));
    System.out.println();
    stack.addresses().forEach((what, where) -> System.out.printf("  %-32s %s%n", what, where));
    System.out.println();
    System.out.println("Try:  ./channelshift pay --order demo-1 --user alice --amount 1234");
    System.out.println("      then open the payUrl and press Pay, and: ./channelshift payment demo-1");
    System.out.println("Ctrl-C stops everything.");
    stopped.await();
    return 0;
  }
}
