package io.channelshift.provider.alipay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Alipay writes times as {@code yyyy-MM-dd HH:mm:ss} in Beijing time, without a zone. */
final class AlipayTime {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private AlipayTime() {}

  static String format(Instant instant) {
    return FORMAT.format(instant.atZone(BEIJING));
  }

  /** Returns null for a missing or unreadable time. */
  static Instant parseOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, FORMAT).atZone(BEIJING).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
