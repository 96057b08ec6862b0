package io.channelshift.app.embedded;

import io.channelshift.payment.PaymentTiming;
import io.channelshift.sandbox.FaultSettings;
import java.util.Map;
import java.util.Optional;

/**
 * How to lay out the embedded stack.
 *
 * @param temporalPort Temporal test server port (7233 in {@code dev}; 0 picks a free one)
 * @param apiPort the starter's REST port (8080 in {@code dev}; 0 picks a free one)
 * @param legacyPort the {@code legacy} sandbox's port (0 picks a free one)
 * @param novaPort the {@code nova} sandbox's port (0 picks a free one)
 * @param timing the timing every payment gets
 * @param webhookUrl where fulfilment webhooks go; null means the built-in receiver of the starter
 * @param quiet keep framework logging to warnings
 * @param sandboxFaults faults each sandbox ({@code legacy}, {@code nova}) starts with; none when
 *     absent
 * @param extraProperties more settings for the worker and the starter, e.g. another channel ({@code
 *     channelshift.channels.alipay.*}); they win over the stack's own
 * @param encryptPayloads encrypt Temporal payloads with a key made for this run (everywhere but
 *     {@code dev}, where a developer reads payloads in the Temporal UI)
 * @param externalWorker start no worker here: the caller runs it as its own process with {@link
 *     EmbeddedStack#workerProperties()}; PostgreSQL then keeps its data across {@link
 *     EmbeddedStack#restartPostgres(long)} (the fault drills)
 * @param externalTemporal a Temporal server to use instead of the embedded one ({@code
 *     temporalPort} is then unused); empty: the embedded test server
 */
public record StackOptions(
    int temporalPort,
    int apiPort,
    int legacyPort,
    int novaPort,
    PaymentTiming timing,
    String webhookUrl,
    boolean quiet,
    Map<String, FaultSettings> sandboxFaults,
    Map<String, String> extraProperties,
    boolean encryptPayloads,
    boolean externalWorker,
    Optional<ExternalTemporal> externalTemporal) {

  public StackOptions {
    sandboxFaults = Map.copyOf(sandboxFaults);
    extraProperties = Map.copyOf(extraProperties);
  }

  public static StackOptions dev() {
    return new StackOptions(
        7233,
        8080,
        8091,
        8092,
        PaymentTiming.DEFAULT,
        null,
        false,
        Map.of(),
        Map.of(),
        false,
        false,
        Optional.empty());
  }

  /**
   * Free ports everywhere: for tests, the demo and the benchmark, which must not clash with a
   * running dev.
   */
  public static StackOptions ephemeral(PaymentTiming timing) {
    return new StackOptions(
        0, 0, 0, 0, timing, null, true, Map.of(), Map.of(), true, false, Optional.empty());
  }

  public StackOptions withWebhookUrl(String url) {
    return new StackOptions(
        temporalPort,
        apiPort,
        legacyPort,
        novaPort,
        timing,
        url,
        quiet,
        sandboxFaults,
        extraProperties,
        encryptPayloads,
        externalWorker,
        externalTemporal);
  }

  public StackOptions withSandboxFaults(Map<String, FaultSettings> faults) {
    return new StackOptions(
        temporalPort,
        apiPort,
        legacyPort,
        novaPort,
        timing,
        webhookUrl,
        quiet,
        faults,
        extraProperties,
        encryptPayloads,
        externalWorker,
        externalTemporal);
  }

  public StackOptions withProperties(Map<String, String> properties) {
    return new StackOptions(
        temporalPort,
        apiPort,
        legacyPort,
        novaPort,
        timing,
        webhookUrl,
        quiet,
        sandboxFaults,
        properties,
        encryptPayloads,
        externalWorker,
        externalTemporal);
  }

  public StackOptions withPayloadEncryption(boolean on) {
    return new StackOptions(
        temporalPort,
        apiPort,
        legacyPort,
        novaPort,
        timing,
        webhookUrl,
        quiet,
        sandboxFaults,
        extraProperties,
        on,
        externalWorker,
        externalTemporal);
  }

  public StackOptions withExternalWorker() {
    return new StackOptions(
        temporalPort,
        apiPort,
        legacyPort,
        novaPort,
        timing,
        webhookUrl,
        quiet,
        sandboxFaults,
        extraProperties,
        encryptPayloads,
        true,
        externalTemporal);
  }

  /** Uses this Temporal server instead of starting the embedded one. */
  public StackOptions withExternalTemporal(ExternalTemporal temporal) {
    return new StackOptions(
        temporalPort,
        apiPort,
        legacyPort,
        novaPort,
        timing,
        webhookUrl,
        quiet,
        sandboxFaults,
        extraProperties,
        encryptPayloads,
        externalWorker,
        Optional.of(temporal));
  }
}
