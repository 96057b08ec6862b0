package io.channelshift.config;

import com.uber.m3.tally.NoopScope;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How requests to Temporal are compressed follows the setting, as the embedded stack writes it. */
class GrpcCompressionSettingTest {

  @Test
  void gzipUnlessSetOtherwise() {
    assertThat(stubsCompression(Map.of())).isEqualTo(GrpcCompression.GZIP);
  }

  @Test
  void noneAsTheEmbeddedStackSetsIt() {
    assertThat(stubsCompression(Map.of("channelshift.temporal.grpc-compression", "none")))
        .isEqualTo(GrpcCompression.NONE);
  }

  private static GrpcCompression stubsCompression(Map<String, String> settings) {
    ChannelShiftProperties props = new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("channelshift", ChannelShiftProperties.class);
    WorkflowServiceStubs stubs = new ChannelShiftConfiguration().workflowServiceStubs(props, new NoopScope()); // connects lazily
    try {
      return stubs.getOptions().getGrpcCompression();
    } finally {
      stubs.shutdownNow();
    }
  }
}
