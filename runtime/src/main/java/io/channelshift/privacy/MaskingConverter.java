package io.channelshift.privacy;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with card and phone numbers masked ({@code %maskedMsg} in the logging
 * patterns), so that no log line carries one, whoever wrote it.
 */
public class MaskingConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return Masking.mask(super.convert(event));
  }
}
