package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.spring.endpoint.OrderAnalyticsReconcileEndpoint;
import io.github.orderanalytics.spring.reconcile.ReconcileJob;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Actuator and the reconciliation: the {@code orderanalyticsreconcile} endpoint, available as the
 * application exposes endpoints, read-only unless opened.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsReconcileAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public class OrderAnalyticsReconcileEndpointAutoConfiguration {

    @Bean
    @ConditionalOnAvailableEndpoint(OrderAnalyticsReconcileEndpoint.class)
    @ConditionalOnBean(ReconcileJob.class)
    @ConditionalOnMissingBean
    public OrderAnalyticsReconcileEndpoint orderAnalyticsReconcileEndpoint(ReconcileJob job) {
        return new OrderAnalyticsReconcileEndpoint(job);
    }
}
