package io.channelshift.config;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.serviceclient.ServiceStubsOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How this process connects to Temporal ({@code channelshift.temporal.*}): the target, and for a
 * cluster that asks for it (Temporal Cloud, a self-hosted cluster with TLS), TLS with the server's
 * certificate checked, a client certificate (mTLS) and an API key. The same settings serve the
 * workflow service and the operator service (search attribute registration). A setting that cannot
 * work (a certificate without its key, a file that cannot be read) stops start-up naming the
 * setting, never the file's content.
 */
public final class TemporalConnection {

  private static final String PREFIX = "channelshift.temporal.";

  private TemporalConnection() {}

  /**
   * Sets the target, TLS and the API key on a service stubs builder (workflow or operator service).
   */
  public static <T extends ServiceStubsOptions.Builder<T>> T configure(
      T options, TemporalProperties temporal) {
    options.setTarget(temporal.target());
    if (!usesTls(temporal)) {
      return options;
    }
    options.setSslContext(sslContext(temporal.tls()));
    String serverName = temporal.tls().serverName();
    if (serverName != null && !serverName.isBlank()) {
      options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
    }
    String apiKey = temporal.apiKey();
    if (apiKey != null && !apiKey.isBlank()) {
      options.addApiKey(() -> apiKey);
    }
    return options;
  }

  /**
   * TLS is on when asked for, or when anything that needs it is set (a bearer token is never sent
   * in clear).
   */
  public static boolean usesTls(TemporalProperties temporal) {
    TemporalProperties.Tls tls = temporal.tls();
    return tls.enabled()
        || set(temporal.apiKey())
        || set(tls.clientCert())
        || set(tls.clientKey())
        || set(tls.serverCa())
        || set(tls.serverName());
  }

  private static SslContext sslContext(TemporalProperties.Tls tls) {
    if (set(tls.clientCert()) != set(tls.clientKey())) {
      throw new IllegalStateException(
          PREFIX
              + "tls.client-cert and "
              + PREFIX
              + "tls.client-key go together: "
              + "mTLS needs the certificate and its private key");
    }
    boolean mutual = set(tls.clientCert());
    // the builder reads the certificate and key when it builds, so they stay open until then
    try (InputStream cert = mutual ? open(tls.clientCert(), "tls.client-cert") : null;
        InputStream key = mutual ? open(tls.clientKey(), "tls.client-key") : null) {
      SimpleSslContextBuilder builder =
          mutual
              ? SimpleSslContextBuilder.forPKCS8(cert, key)
              : SimpleSslContextBuilder.noKeyOrCertChain();
      if (set(tls.serverCa())) {
        builder.setTrustManager(trusting(tls.serverCa()));
      }
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          PREFIX
              + "tls: the client certificate or key cannot be used ("
              + e.getClass().getSimpleName()
              + "); they must be PEM, the key PKCS#8 (BEGIN PRIVATE KEY)",
          e);
    }
  }

  /** A trust manager that trusts exactly the certificates in the PEM file. */
  private static TrustManager trusting(String caFile) {
    try (InputStream in = open(caFile, "tls.server-ca")) {
      Collection<? extends Certificate> cas =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (cas.isEmpty()) {
        throw new IllegalStateException(
            PREFIX + "tls.server-ca (" + caFile + ") holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate ca : cas) {
        store.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          PREFIX + "tls.server-ca (" + caFile + ") is not a PEM certificate file", e);
    }
  }

  private static InputStream open(String file, String setting) {
    try {
      return Files.newInputStream(Path.of(file));
    } catch (IOException e) {
      throw new IllegalStateException(
          PREFIX + setting + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")",
          e);
    }
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }
}
