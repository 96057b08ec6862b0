package io.channelshift.app.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for TLS tests, made by the JDK's own {@code keytool} (nothing to
 * install), written as the PEM files a cluster's operator hands out: the certificate and its PKCS#8
 * private key.
 */
public final class TestCertificates {

  /** A certificate and its private key, as PEM files. */
  public record Pem(Path cert, Path key) {}

  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  private TestCertificates() {}

  /**
   * A fresh RSA key and self-signed certificate for {@code commonName}, valid two days; {@code
   * subjectAltName} (e.g. {@code ip:127.0.0.1,dns:localhost}) may be null.
   */
  public static Pem selfSigned(Path dir, String name, String commonName, String subjectAltName)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = dir.resolve(name + ".p12");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + commonName,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(STORE_PASSWORD)));
    if (subjectAltName != null) {
      command.addAll(List.of("-ext", "SAN=" + subjectAltName));
    }
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD);
    }
    Key key = keys.getKey(name, STORE_PASSWORD); // PKCS#8 encoded
    Path cert =
        Files.writeString(
            dir.resolve(name + ".crt"), pem("CERTIFICATE", keys.getCertificate(name).getEncoded()));
    Path keyFile =
        Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()));
    return new Pem(cert, keyFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
