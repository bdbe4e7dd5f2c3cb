package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.spring.OrderAnalyticsProperties;
import io.github.orderanalytics.spring.browser.BrowserContextArgumentResolver;
import io.github.orderanalytics.spring.browser.BrowserContextFilter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * In a servlet web application, reads each request's browser context so that orders reported on the
 * request's thread join the browser's visitor and session in PostHog: {@link BrowserContextFilter}
 * (a {@code Filter} bean, which Spring Boot registers), and with Spring MVC, a {@code BrowserContext}
 * controller parameter. Off with {@code order-analytics.browser-context.enabled=false}.
 */
@AutoConfiguration(after = OrderAnalyticsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBooleanProperty(name = "order-analytics.browser-context.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OrderAnalyticsProperties.class)
public class OrderAnalyticsBrowserContextAutoConfiguration {

    /** The cookie's name holds the project key: the starter's client's, when there is one. */
    @Bean
    @ConditionalOnMissingBean
    public BrowserContextFilter orderAnalyticsBrowserContextFilter(
            OrderAnalyticsProperties properties, ObjectProvider<PostHogOrderAnalytics> clients) {
        PostHogOrderAnalytics client = clients.getIfUnique();
        String projectApiKey = client == null ? null : client.config().apiKey().orElse(null);
        return new BrowserContextFilter(properties.getBrowserContext().isCookie(), projectApiKey);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class BrowserContextParameter implements WebMvcConfigurer {
        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new BrowserContextArgumentResolver());
        }
    }
}
