package io.channelshift.config;

import io.temporal.serviceclient.GrpcCompression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Temporal frontend is and how this process connects to it ({@code
 * channelshift.temporal.*}); the workflow service and the operator service (search-attribute
 * registration) use the same settings.
 *
 * @param target {@code host:port} of the frontend; default {@code 127.0.0.1:7233}.
 * @param namespace the namespace workflows run in; default {@code default}.
 * @param stickyExecution default {@code true}; off only for a worker that may die while an embedded
 *     test server lives on (see {@link NoStickyExecution}).
 * @param grpcCompression how requests to Temporal are compressed; default {@code gzip} (the SDK's),
 *     which saves bandwidth to a cluster across a network; {@code none} saves the CPU where there
 *     is no network to save (the embedded server on loopback sets it).
 * @param apiKey a Temporal Cloud (or other) API key, sent as a bearer token; default none. Setting
 *     it turns TLS on (a bearer token is never sent in clear). Never logged, and left out of {@link
 *     #toString()}.
 * @param tls how the connection is encrypted and how this process proves who it is (mTLS); default
 *     off unless one of its settings or {@code api-key} is set.
 */
@ConfigurationProperties("channelshift.temporal")
public record TemporalProperties(
    String target,
    String namespace,
    @DefaultValue("true") boolean stickyExecution,
    GrpcCompression grpcCompression,
    String apiKey,
    Tls tls) {

  public TemporalProperties {
    target = target == null ? "127.0.0.1:7233" : target;
    namespace = namespace == null ? "default" : namespace;
    grpcCompression = grpcCompression == null ? GrpcCompression.GZIP : grpcCompression;
    tls = tls == null ? Tls.NONE : tls;
  }

  /**
   * A plain connection to {@code target}'s {@code namespace}, every other setting at its default.
   */
  public static TemporalProperties plain(String target, String namespace) {
    return new TemporalProperties(target, namespace, true, null, null, null);
  }

  @Override
  public String toString() {
    return "TemporalProperties[target="
        + target
        + ", namespace="
        + namespace
        + ", stickyExecution="
        + stickyExecution
        + ", grpcCompression="
        + grpcCompression
        + ", apiKey="
        + Redacted.of(apiKey)
        + ", tls="
        + tls
        + "]";
  }

  /**
   * TLS to Temporal ({@code channelshift.temporal.tls.*}); all unset by default. Any of these
   * settings (or an API key) turns it on. Files are PEM: the client certificate (chain) and its
   * PKCS#8 private key for mTLS (Temporal Cloud's certificate auth, or a self-hosted cluster that
   * asks for client certificates), and the CA certificates to trust for the server when it is not
   * signed by one the JVM trusts. {@code client-cert} and {@code client-key} go together; start-up
   * stops when only one is set.
   *
   * @param enabled TLS with the server's certificate checked against the JVM's trust store (or
   *     {@code server-ca}); default {@code false}, though the other settings turn TLS on by
   *     themselves.
   * @param clientCert path of the client certificate (chain), for mTLS.
   * @param clientKey path of the client certificate's PKCS#8 private key (the path, not the key).
   * @param serverCa path of the CA certificates that sign the server's certificate.
   * @param serverName the name the server's certificate must carry, when it is not the target's
   *     host (also sent as SNI).
   */
  public record Tls(
      boolean enabled, String clientCert, String clientKey, String serverCa, String serverName) {

    /** No TLS setting made. */
    public static final Tls NONE = new Tls(false, null, null, null, null);
  }
}
