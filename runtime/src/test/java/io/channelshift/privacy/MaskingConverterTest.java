package io.channelshift.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingConverterTest {

  @Test
  void theMaskedMessageOfALogLineHidesCardAndPhoneNumbers() {
    LoggerContext context = new LoggerContext();
    Map<String, String> rules = new HashMap<>();
    rules.put("maskedMsg", MaskingConverter.class.getName());
    context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%level %maskedMsg");
    layout.start();
    Logger logger = context.getLogger("test");

    String line =
        layout.doLayout(
            new LoggingEvent(
                "x",
                logger,
                Level.WARN,
                "refund for {} to card {}",
                null,
                new Object[] {"13800138000", "4111111111111111"}));

    assertThat(line).isEqualTo("WARN refund for 138****8000 to card ************1111");
  }
}
