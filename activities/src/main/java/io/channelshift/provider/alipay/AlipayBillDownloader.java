package io.channelshift.provider.alipay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Alipay's trade bill is a zip behind a short-lived URL, holding a detail CSV and a summary CSV in GBK. The
 * lines that start with {@code #} are Alipay's banner and footer; what remains of the detail file is the
 * header and one line per trade or refund.
 */
final class AlipayBillDownloader {

  private static final Charset GBK = Charset.forName("GBK");
  /** A bill larger than this is refused rather than read into memory (a month of a very busy shop is far less). */
  private static final int MAX_BYTES = 256 * 1024 * 1024;

  private final Duration connectTimeout;
  private final Duration readTimeout;

  AlipayBillDownloader(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  List<String> detailLines(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setConnectTimeout((int) connectTimeout.toMillis());
    connection.setReadTimeout((int) readTimeout.toMillis());
    if (connection.getResponseCode() != 200) {
      throw new IOException("bill download answered HTTP " + connection.getResponseCode());
    }
    try (ZipInputStream zip = new ZipInputStream(connection.getInputStream(), GBK)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().endsWith(".csv") && !entry.getName().contains("汇总")) {
          return new String(readBounded(zip), GBK).lines()
              .filter(line -> !line.isBlank() && !line.startsWith("#"))
              .toList();
        }
      }
    }
    throw new IOException("the bill zip holds no detail CSV");
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_BYTES) {
        throw new IOException("bill larger than " + MAX_BYTES + " bytes");
      }
    }
    return out.toByteArray();
  }
}
