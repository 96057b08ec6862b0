package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * @param limit the absolute limit: a floor for rates where higher is better, a ceiling otherwise
 * @param maxDifference how much worse than the old channel the new one may be (rate points, or
 *     milliseconds)
 * @param minSamples below this many samples on the new channel the gate is INCONCLUSIVE; below it
 *     on the old channel only the absolute limit is judged
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GateRule(double limit, double maxDifference, int minSamples) {}
