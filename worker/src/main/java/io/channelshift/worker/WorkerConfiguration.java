package io.channelshift.worker;

import io.channelshift.config.ChannelShiftComponents;
import io.channelshift.config.ChannelShiftProperties;
import io.channelshift.config.SearchAttributeRegistration;
import io.channelshift.fulfilment.WebhookSender;
import io.channelshift.fulfilment.WebhookSettings;
import io.channelshift.payment.PaymentActivitiesImpl;
import io.channelshift.provider.ProviderRegistry;
import io.channelshift.store.CallbackStore;
import io.channelshift.store.PaymentStore;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  @Bean
  @ConfigurationProperties("channelshift")
  ChannelShiftProperties channelShiftProperties() {
    return new ChannelShiftProperties();
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(ChannelShiftProperties props) {
    return ChannelShiftComponents.serviceStubs(props);
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, ChannelShiftProperties props) {
    return ChannelShiftComponents.workflowClient(stubs, props);
  }

  @Bean
  ProviderRegistry providerRegistry(ChannelShiftProperties props, DataSource dataSource) {
    return ChannelShiftComponents.providers(props, new CallbackStore(dataSource), Clock.systemUTC());
  }

  @Bean
  PaymentActivitiesImpl paymentActivities(ProviderRegistry providers, DataSource dataSource,
      ChannelShiftProperties props) {
    ChannelShiftProperties.Webhook w = props.getWebhook();
    WebhookSender webhooks = new WebhookSender(new WebhookSettings(w.getUrl(), w.getSecret(), w.getTimeout()),
        Clock.systemUTC());
    return new PaymentActivitiesImpl(providers, new PaymentStore(dataSource), webhooks);
  }

  @Bean
  PaymentWorkers paymentWorkers(WorkflowClient client, PaymentActivitiesImpl activities,
      ChannelShiftProperties props) {
    // Workflows set these attributes; where the server refuses to register them, the warning says how.
    SearchAttributeRegistration.register(props.getTemporal().getTarget(), props.getTemporal().getNamespace());
    return new PaymentWorkers(client, activities);
  }
}
