package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.TransactionAwareOrderAnalytics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * With Spring's transactions: the {@link OrderAnalytics} bean to inject reports after commit and
 * never on rollback, and so does a published {@link OrderPlacedEvent}, {@code OrderRefundedEvent} or
 * {@code OrderCancelledEvent}. With the outbox, whose rows
 * commit with the order, {@link OrderAnalyticsOutboxAutoConfiguration} takes over instead.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = {OrderAnalyticsAutoConfiguration.class, OrderAnalyticsOutboxAutoConfiguration.class})
@ConditionalOnClass(name = OrderAnalyticsAutoConfiguration.TRANSACTIONS)
public class OrderAnalyticsTransactionAutoConfiguration {
    /** Named, not referenced: analytics-outbox is optional. */
    private static final String OUTBOX = OrderAnalyticsAutoConfiguration.OUTBOX;

    /** Wraps the starter's own client (or the testkit's recording) only: a user's bean is theirs to shape. */
    @Bean
    @Primary
    @ConditionalOnBean(name = OrderAnalyticsAutoConfiguration.CLIENT_BEAN)
    @ConditionalOnMissingBean(type = OUTBOX)
    public TransactionAwareOrderAnalytics orderAnalytics(
            @Qualifier(OrderAnalyticsAutoConfiguration.CLIENT_BEAN) OrderAnalytics client) {
        return new TransactionAwareOrderAnalytics(client);
    }

    /** Reports each published order event ({@link OrderPlacedEvent} and the others) after commit, whichever {@code OrderAnalytics} bean reports. */
    @Bean
    @ConditionalOnBean(OrderAnalytics.class)
    @ConditionalOnMissingBean(type = OUTBOX)
    OrderEventListener orderPlacedEventListener(OrderAnalytics analytics) {
        return new OrderEventListener(
                analytics instanceof TransactionAwareOrderAnalytics
                        ? analytics
                        : new TransactionAwareOrderAnalytics(analytics));
    }
}
