package io.github.orderanalytics.spring.minimal;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.testkit.FakePostHog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A Boot application whose class path lacks every optional library of the starter: spring-tx,
 * Micrometer and Boot's health support. Surefire runs this class alone, with those jars removed
 * (see the pom), so a configuration that touches one of them fails here, not in a user's start-up.
 */
class MinimalClasspathTest {

    @Test
    void theOptionalLibrariesAreReallyAbsent() {
        for (String name : new String[] {
            "org.springframework.transaction.support.TransactionSynchronizationManager",
            "io.micrometer.core.instrument.binder.MeterBinder",
            "org.springframework.boot.health.contributor.HealthIndicator"
        }) {
            assertThatThrownBy(() -> Class.forName(name)).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void startsAndReportsAPublishedEventAtOnce() {
        try (FakePostHog posthog = FakePostHog.start();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                        .web(WebApplicationType.NONE)
                        .run(
                                "--order-analytics.posthog.api-key=" + FakePostHog.API_KEY,
                                "--order-analytics.posthog.host=" + posthog.host(),
                                "--order-analytics.posthog.profile=development")) {
            assertThat(context.getBean(OrderAnalytics.class)).isInstanceOf(PostHogOrderAnalytics.class);

            context.publishEvent(new OrderPlacedEvent(
                    Order.builder("ord_min", Money.of("5.00", "EUR")).build(), Identity.customer("c")));

            posthog.awaitEvents(1, Duration.ofSeconds(10));
            assertThat(posthog).receivedOnly("ord_min");
        }
    }

    /** Boot's own start-up report names what to add: the analyzer is registered, not only written. */
    @Test
    void theOutboxEnabledWithoutItsModuleFailsTheStartWithAnAnalysis() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE);
        Throwable failure = catchThrowable(
                () -> app.run("--order-analytics.outbox.enabled=true").close());

        assertThat(failure).rootCause().hasMessageContaining("needs io.github.orderanalytics:analytics-outbox");
        // Boot's own analyzers want a bean factory to be built; the ones that cannot be are skipped here.
        List<FailureAnalysis> analyses = SpringFactoriesLoader.forDefaultResourceLocation(
                        getClass().getClassLoader())
                .load(FailureAnalyzer.class, (type, name, cannotBuild) -> {})
                .stream()
                .map(analyzer -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .toList();
        assertThat(analyses)
                .singleElement()
                .satisfies(a -> assertThat(a.getAction())
                        .startsWith("Add the dependency io.github.orderanalytics:analytics-outbox"));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}
}
