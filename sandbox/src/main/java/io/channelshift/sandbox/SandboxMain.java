package io.channelshift.sandbox;

import java.util.concurrent.CountDownLatch;

/**
 * Runs one sandbox provider on its own: {@code java -cp ... io.channelshift.sandbox.SandboxMain
 * NAME PORT MERCHANT_ID MERCHANT_SECRET}. The secret may instead come from the environment variable
 * {@code SANDBOX_MERCHANT_SECRET}, which keeps it off the process list.
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 3) {
      System.err.println("usage: SandboxMain NAME PORT MERCHANT_ID [MERCHANT_SECRET]");
      System.exit(64);
    }
    String secret = args.length > 3 ? args[3] : System.getenv("SANDBOX_MERCHANT_SECRET");
    SandboxServer sandbox =
        SandboxServer.start(
            SandboxConfig.defaults(args[0], Integer.parseInt(args[1]), args[2], secret));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                }));
    System.out.println("sandbox '" + args[0] + "' at " + sandbox.baseUrl());
    stopped.await();
  }
}
