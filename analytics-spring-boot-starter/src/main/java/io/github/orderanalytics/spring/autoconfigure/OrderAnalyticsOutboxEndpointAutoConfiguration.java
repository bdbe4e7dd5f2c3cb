package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxAdmin;
import io.github.orderanalytics.spring.endpoint.OrderAnalyticsOutboxEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Actuator and the outbox: the {@code orderanalyticsoutbox} endpoint, available as the
 * application exposes endpoints (none of it is exposed over HTTP unless the application says so).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsOutboxAutoConfiguration.class)
@ConditionalOnClass(
        name = {
            "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
            "io.github.orderanalytics.outbox.OutboxAdmin"
        })
public class OrderAnalyticsOutboxEndpointAutoConfiguration {

    // On the method: see OrderAnalyticsHealthAutoConfiguration.
    @Bean
    @ConditionalOnAvailableEndpoint(OrderAnalyticsOutboxEndpoint.class)
    @ConditionalOnBean(OutboxAdmin.class)
    @ConditionalOnMissingBean
    public OrderAnalyticsOutboxEndpoint orderAnalyticsOutboxEndpoint(OutboxAdmin admin) {
        return new OrderAnalyticsOutboxEndpoint(admin);
    }
}
