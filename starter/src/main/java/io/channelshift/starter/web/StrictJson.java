package io.channelshift.starter.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.jackson2.autoconfigure.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies are read as exactly one JSON value: content after it ({@code {...} {...}}, {@code
 * {...}x}) and a key given twice in one object are refused (400), not read as the first value or
 * the last key. Two readers of one body must never see two different requests. This is the
 * ObjectMapper every body parser of the starter uses: the JSON message converter
 * ({@code @RequestBody JsonNode}) and the controllers that read a String body (plans, migration
 * actions, reconciliations).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer oneValueNoDuplicateKeys() {
    return builder ->
        builder.featuresToEnable(
            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
            JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }
}
