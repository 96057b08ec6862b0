package io.channelshift.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A settings record bound as the apps bind it, from properties written as in a properties file. */
final class BoundSettings {

  private BoundSettings() {}

  static <T> T bind(Class<T> type, Map<String, String> properties) {
    ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
    String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
  }

  /**
   * Channel {@code name} as {@code channelshift.channels.<name>.*} binds it, from its settings
   * without the prefix.
   */
  static ChannelProperties channel(String name, Map<String, String> settings) {
    Map<String, String> properties = new LinkedHashMap<>();
    settings.forEach(
        (key, value) -> properties.put("channelshift.channels." + name + "." + key, value));
    return bind(ChannelsProperties.class, properties).channels().get(name);
  }
}
