package io.channelshift.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultSettingsTest {

  @Test
  void changesOnlyTheNamedFields() {
    FaultSettings changed =
        FaultSettings.NONE.with("{\"callbackDropRate\":0.25,\"createLatencyMs\":40}");

    assertThat(changed.callbackDropRate()).isEqualTo(0.25);
    assertThat(changed.createLatencyMs()).isEqualTo(40);
    assertThat(changed.paymentSuccessRate()).isEqualTo(1.0);
    assertThat(changed.outage()).isFalse();
    assertThat(changed.refund5xxRate()).isZero();
    assertThat(changed.with("{\"refund5xxRate\":0.5}").refund5xxRate()).isEqualTo(0.5);
  }

  @Test
  void refusesOutOfRangeValuesAndNonObjects() {
    assertThatThrownBy(() -> FaultSettings.NONE.with("{\"create5xxRate\":1.5}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("create5xxRate");
    assertThatThrownBy(() -> FaultSettings.NONE.with("{\"refund5xxRate\":-0.1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refund5xxRate");
    assertThatThrownBy(() -> FaultSettings.NONE.with("[]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(
            () -> FaultSettings.NONE.with("{\"callbackDelayMinMs\":10,\"callbackDelayMaxMs\":5}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
