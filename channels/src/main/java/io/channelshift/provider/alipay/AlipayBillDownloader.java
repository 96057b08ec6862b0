package io.channelshift.provider.alipay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Alipay's trade bill is a zip behind a short-lived URL, holding a detail CSV and a summary CSV in
 * GBK. The detail CSV is copied to a temporary file as it streams in, so that a large day never
 * sits in memory; the lines that start with {@code #} are Alipay's banner and footer.
 */
final class AlipayBillDownloader {

  static final Charset GBK = Charset.forName("GBK");

  /** A detail file larger than this is refused (a very busy shop's day is far less). */
  private static final long MAX_BYTES = 4L * 1024 * 1024 * 1024;

  private final Duration connectTimeout;
  private final Duration readTimeout;

  AlipayBillDownloader(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /**
   * Downloads the bill and returns its detail CSV as a temporary file (GBK), which the caller
   * deletes.
   */
  Path detailFile(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setConnectTimeout((int) connectTimeout.toMillis());
    connection.setReadTimeout((int) readTimeout.toMillis());
    if (connection.getResponseCode() != 200) {
      throw new IOException("bill download answered HTTP " + connection.getResponseCode());
    }
    try (ZipInputStream zip = new ZipInputStream(connection.getInputStream(), GBK)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().endsWith(".csv") && !entry.getName().contains("汇总")) {
          Path file = Files.createTempFile("alipay-bill-", ".csv");
          try (OutputStream out = Files.newOutputStream(file)) {
            copyBounded(zip, out);
          } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
          }
          return file;
        }
      }
    }
    throw new IOException("the bill zip holds no detail CSV");
  }

  private static void copyBounded(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
      total += n;
      if (total > MAX_BYTES) {
        throw new IOException("bill detail larger than " + MAX_BYTES + " bytes");
      }
    }
  }
}
