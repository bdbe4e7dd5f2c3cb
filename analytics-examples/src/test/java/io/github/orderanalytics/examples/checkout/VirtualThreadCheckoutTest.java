package io.github.orderanalytics.examples.checkout;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogBrowserContext;
import io.github.orderanalytics.testkit.BrowserIds;
import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import io.github.orderanalytics.testsupport.Skip;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Most services run on Java 21 or 25 with virtual threads: the request's browser context still reaches the
 * order (it is bound to the request's thread, virtual or not), and nothing on the caller's path pins its
 * carrier thread (JFR {@code jdk.VirtualThreadPinned}, recorded at any duration). Needs Java 21 or later:
 * {@code .ci/run} runs the tests on Temurin 25 too; on 17 this is skipped, saying so.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.threads.virtual.enabled=true")
@UseFakePostHog
@Import(VirtualThreadCheckoutTest.RequestThreads.class)
class VirtualThreadCheckoutTest extends RunningShopTest {
    @Autowired
    RequestThreads requestThreads;

    @BeforeAll
    static void needsVirtualThreads() {
        int java = Runtime.version().feature();
        Skip.unless(
                java >= 21,
                "virtual-thread test skipped: Java " + java + " has no virtual threads (.ci/run runs"
                        + " the tests on Temurin 25 too)");
    }

    /** Whether each request's thread was virtual, seen from a filter on that thread. */
    @TestConfiguration
    static class RequestThreads {
        final List<Boolean> virtual = new CopyOnWriteArrayList<>();

        @Bean
        FilterRegistrationBean<Filter> recordRequestThread() {
            Filter filter = (request, response, chain) -> {
                virtual.add(isVirtual(Thread.currentThread()));
                chain.doFilter(request, response);
            };
            return new FilterRegistrationBean<>(filter);
        }

        /** {@code Thread.isVirtual()}, which the Java 17 API this code compiles against does not have. */
        private static boolean isVirtual(Thread thread) {
            try {
                return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
    }

    @Test
    void theBrowserContextReachesTheOrderOnAVirtualThreadAndNothingPinsItsCarrier() throws Exception {
        Instant now = Instant.now();
        String visitor = BrowserIds.sessionStartedAt(now.minus(Duration.ofHours(2))); // a UUIDv7, as posthog-js makes
        String session = BrowserIds.sessionStartedAt(now.minus(Duration.ofMinutes(5)));
        Path jfr = Files.createTempFile("virtual-threads", ".jfr");
        HttpResponse<String> response;
        try (Recording recording = new Recording()) {
            recording
                    .enable("jdk.VirtualThreadPinned")
                    .withThreshold(Duration.ZERO)
                    .withStackTrace();
            recording.start();
            response = shop().send(
                            "POST",
                            "/orders",
                            """
                            {"email": "jane.doe@example.com", "lines": [{"sku": "MUG-01", "quantity": 1}]}
                            """,
                            Map.of(
                                    PostHogBrowserContext.DISTINCT_ID_HEADER, visitor,
                                    PostHogBrowserContext.SESSION_ID_HEADER, session));
            assertThat(client.flush(WAIT)).isTrue();
            recording.stop();
            recording.dump(jfr);
        }

        String orderId = ShopHttp.orderId(response);
        assertThat(requestThreads.virtual)
                .as("the request ran on a virtual thread")
                .containsOnly(true);
        assertThat(posthog).receivedOrder(orderId).hasDistinctId(visitor).hasProperty("$session_id", session);
        List<String> pinnedInOurCode = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                .filter(VirtualThreadCheckoutTest::passesThroughOrderAnalytics)
                .map(RecordedEvent::toString)
                .toList();
        assertThat(pinnedInOurCode)
                .as("carrier pinned on order-analytics' path")
                .isEmpty();
        Files.delete(jfr);
    }

    private static boolean passesThroughOrderAnalytics(RecordedEvent event) {
        return event.getStackTrace() != null
                && event.getStackTrace().getFrames().stream()
                        .map(RecordedFrame::getMethod)
                        .anyMatch(m -> m.getType().getName().startsWith("io.github.orderanalytics."));
    }
}
