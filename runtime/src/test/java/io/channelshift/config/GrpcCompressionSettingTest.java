package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.NoopScope;
import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    TemporalProperties temporal = BoundSettings.bind(TemporalProperties.class, settings);
    WorkflowServiceStubs stubs =
        new ChannelShiftConfiguration()
            .workflowServiceStubs(temporal, new NoopScope()); // connects lazily
    try {
      return stubs.getOptions().getGrpcCompression();
    } finally {
      stubs.shutdownNow();
    }
  }
}
