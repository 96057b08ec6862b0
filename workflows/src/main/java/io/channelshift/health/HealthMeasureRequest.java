package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Measure every named channel of a scope over [windowStartMs, windowEndMs), each on the migration
 * gates' queries.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthMeasureRequest(
    String scope, List<String> channels, long windowStartMs, long windowEndMs) {}
