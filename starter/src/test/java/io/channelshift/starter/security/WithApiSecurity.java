package io.channelshift.starter.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * The starter's own security filter chain in a slice test: its API keys and role rules, deny by
 * default. A slice test with it refuses exactly what the running starter refuses (the configuration
 * is package-private, so it is imported from here).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SecurityConfiguration.class)
public @interface WithApiSecurity {}
