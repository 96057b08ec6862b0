package io.channelshift.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.config.SearchAttributeRegistration;
import io.channelshift.config.TemporalConnection;
import io.channelshift.config.TemporalProperties;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection to a Temporal server that asks for TLS, a client certificate (mTLS) and an API
 * key, as Temporal Cloud and secured self-hosted clusters do: the embedded test server behind
 * exactly that, and the workers' own connection code ({@link TemporalConnection}) in front of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalTlsTest {

  private static final String API_KEY = "temporal-api-key-0123456789";

  @TempDir static Path dir;
  private TestCertificates.Pem server;
  private TestCertificates.Pem client;
  private TestCertificates.Pem stranger;
  private EmbeddedTemporal temporal;
  private String target;

  @BeforeAll
  void start() throws Exception {
    server = TestCertificates.selfSigned(dir, "server", "localhost", "ip:127.0.0.1,dns:localhost");
    client = TestCertificates.selfSigned(dir, "client", "channelshift-worker", null);
    stranger = TestCertificates.selfSigned(dir, "stranger", "someone-else", null);
    int port = FreePorts.next();
    temporal =
        EmbeddedTemporal.start(
            port,
            "default",
            TlsServerCredentials.newBuilder()
                .keyManager(server.cert().toFile(), server.key().toFile())
                .trustManager(client.cert().toFile())
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                .build(),
            List.of(new ApiKeyCheck(API_KEY)));
    target = "127.0.0.1:" + port;
  }

  @AfterAll
  void stop() throws InterruptedException {
    temporal.close();
  }

  @Test
  void withTheClientCertificateAndTheApiKey_itConnects_andRegistersTheSearchAttributes() {
    TemporalProperties settings = settings(client, server.cert(), API_KEY);

    assertThat(describeNamespace(settings)).isEqualTo("default");
    assertThat(SearchAttributeRegistration.register(settings)).isEmpty();
  }

  @Test
  void withoutAClientCertificate_theServerRefusesTheConnection() {
    assertThatThrownBy(() -> describeNamespace(settings(null, server.cert(), API_KEY)))
        .isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void aClientCertificateTheServerDoesNotTrust_isRefused() {
    assertThatThrownBy(() -> describeNamespace(settings(stranger, server.cert(), API_KEY)))
        .isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void aWrongApiKey_isUnauthenticated() {
    assertThatThrownBy(() -> describeNamespace(settings(client, server.cert(), "not-the-key")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  @Test
  void aServerWhoseCertificateIsNotTrusted_isRefused_soTheCheckIsOn() {
    // no server-ca: the JVM's trust store, which does not hold this self-signed server
    assertThatThrownBy(() -> describeNamespace(settings(client, null, API_KEY)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void settingsThatCannotWorkStopStartUp_namingTheSetting() throws Exception {
    TemporalProperties withCert = settings(client, server.cert(), API_KEY);
    TemporalProperties.Tls tls = withCert.tls();
    TemporalProperties certWithoutKey =
        new TemporalProperties(
            withCert.target(),
            null,
            true,
            null,
            API_KEY,
            new TemporalProperties.Tls(
                tls.enabled(), tls.clientCert(), null, tls.serverCa(), tls.serverName()));
    assertThatThrownBy(() -> stubs(certWithoutKey))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tls.client-key");

    TemporalProperties missingFile = settings(client, dir.resolve("nowhere.pem"), API_KEY);
    assertThatThrownBy(() -> stubs(missingFile))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tls.server-ca")
        .hasMessageContaining("nowhere.pem");

    TemporalProperties keyAsCa = settings(client, client.key(), API_KEY);
    assertThatThrownBy(() -> stubs(keyAsCa))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tls.server-ca")
        .hasMessageNotContaining(Files.readString(client.key()).substring(40, 80));
  }

  @Test
  void plainSettingsStayPlain_andTheApiKeyIsNeverShown() {
    TemporalProperties plain = new TemporalProperties(null, null, true, null, null, null);
    assertThat(TemporalConnection.usesTls(plain)).isFalse();

    TemporalProperties withKey = new TemporalProperties(null, null, true, null, API_KEY, null);
    assertThat(TemporalConnection.usesTls(withKey))
        .as("a bearer token is never sent in clear")
        .isTrue();
    assertThat(withKey.toString()).doesNotContain(API_KEY);
  }

  private TemporalProperties settings(
      TestCertificates.Pem clientPem, Path serverCa, String apiKey) {
    TemporalProperties.Tls tls =
        new TemporalProperties.Tls(
            true,
            clientPem == null ? null : clientPem.cert().toString(),
            clientPem == null ? null : clientPem.key().toString(),
            serverCa == null ? null : serverCa.toString(),
            null);
    return new TemporalProperties(target, null, true, null, apiKey, tls);
  }

  private static WorkflowServiceStubs stubs(TemporalProperties settings) {
    return WorkflowServiceStubs.newServiceStubs(
        TemporalConnection.configure(WorkflowServiceStubsOptions.newBuilder(), settings).build());
  }

  private static String describeNamespace(TemporalProperties settings) {
    WorkflowServiceStubs stubs = stubs(settings);
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
          .getNamespaceInfo()
          .getName();
    } finally {
      stubs.shutdownNow();
    }
  }
}
