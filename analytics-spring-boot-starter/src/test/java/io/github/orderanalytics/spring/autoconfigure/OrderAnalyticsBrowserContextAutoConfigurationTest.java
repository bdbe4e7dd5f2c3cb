package io.github.orderanalytics.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.spring.TransactionAwareOrderAnalytics;
import io.github.orderanalytics.spring.browser.BrowserContextFilter;
import io.github.orderanalytics.spring.browser.RequestBrowserContext;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import jakarta.servlet.FilterChain;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Each condition of the browser-context auto-configuration, and the filter on a servlet request. */
class OrderAnalyticsBrowserContextAutoConfigurationTest {
    private static final String VISITOR = "01a21c72-9100-7abc-9def-0123456789ab";
    private static final String SESSION = "01a21c72-9100-7cc2-8c3a-3f3b0d6e9a41";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    OrderAnalyticsAutoConfiguration.class, OrderAnalyticsBrowserContextAutoConfiguration.class))
            .withPropertyValues("order-analytics.posthog.api-key=" + FakePostHog.API_KEY);

    @Test
    void aServletApplicationGetsTheFilterWithoutTheCookieByDefault() {
        web.run(context -> assertThat(context)
                .getBean(BrowserContextFilter.class)
                .hasToString("BrowserContextFilter{cookie=false}"));
    }

    @Test
    void theCookieIsReadWhenAskedFor() {
        web.withPropertyValues("order-analytics.browser-context.cookie=true")
                .run(context -> assertThat(context)
                        .getBean(BrowserContextFilter.class)
                        .hasToString("BrowserContextFilter{cookie=true}"));
    }

    @Test
    void noFilterWhenDisabledOrOutsideAServletApplication() {
        web.withPropertyValues("order-analytics.browser-context.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BrowserContextFilter.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OrderAnalyticsBrowserContextAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(BrowserContextFilter.class));
    }

    /** Runs {@code request} through the filter, capturing what the handler saw, and what is left after. */
    private static List<Optional<BrowserContext>> serve(BrowserContextFilter filter, MockHttpServletRequest request)
            throws Exception {
        List<Optional<BrowserContext>> seen = new ArrayList<>();
        FilterChain handler = (req, res) -> seen.add(RequestBrowserContext.current());
        filter.doFilter(request, new MockHttpServletResponse(), handler);
        seen.add(RequestBrowserContext.current());
        return seen;
    }

    @Test
    void theFilterGivesTheHandlerTheTracingHeadersAndLeavesNothingOnTheThread() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
        request.addHeader("x-posthog-distinct-id", VISITOR);
        request.addHeader("X-POSTHOG-SESSION-ID", SESSION);

        assertThat(serve(new BrowserContextFilter(false, FakePostHog.API_KEY), request))
                .containsExactly(Optional.of(BrowserContext.of(VISITOR, SESSION)), Optional.empty());
    }

    @Test
    void theCookieStandsInForMissingHeadersAndAnOptedOutBrowserGivesNothing() throws Exception {
        String persistence = "ph_" + FakePostHog.API_KEY + "_posthog="
                + URLEncoder.encode(
                        "{\"distinct_id\":\"" + VISITOR + "\",\"$sesid\":[1,\"" + SESSION + "\",1]}",
                        StandardCharsets.UTF_8);
        MockHttpServletRequest withCookie = new MockHttpServletRequest("POST", "/orders");
        withCookie.addHeader("Cookie", persistence);
        MockHttpServletRequest optedOut = new MockHttpServletRequest("POST", "/orders");
        optedOut.addHeader("Cookie", persistence + "; __ph_opt_in_out_" + FakePostHog.API_KEY + "=0");
        optedOut.addHeader("X-POSTHOG-DISTINCT-ID", VISITOR);

        assertThat(serve(new BrowserContextFilter(true, FakePostHog.API_KEY), withCookie)
                        .get(0))
                .contains(BrowserContext.of(VISITOR, SESSION));
        assertThat(serve(new BrowserContextFilter(false, FakePostHog.API_KEY), withCookie)
                        .get(0))
                .as("cookie off")
                .isEmpty();
        assertThat(serve(new BrowserContextFilter(true, FakePostHog.API_KEY), optedOut)
                        .get(0))
                .as("opted out: not even the headers")
                .isEmpty();
    }

    @Test
    void theBeanAttachesTheRequestsBrowserOnlyToIdentitiesWithoutOne() throws Exception {
        RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();
        TransactionAwareOrderAnalytics bean = new TransactionAwareOrderAnalytics(recording);
        BrowserContext own = BrowserContext.of(null, SESSION);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
        request.addHeader("X-POSTHOG-DISTINCT-ID", VISITOR);
        FilterChain handler = (req, res) -> {
            bean.orderPlaced(order("ord_1"), Identity.guest("jane@example.com"));
            bean.orderPlaced(order("ord_2"), Identity.guest("jane@example.com").withBrowser(own));
        };

        new BrowserContextFilter(false, null).doFilter(request, new MockHttpServletResponse(), handler);
        bean.orderPlaced(order("ord_3"), Identity.guest("jane@example.com")); // after the request

        assertThat(recording.events())
                .extracting(e -> e.identity().browser())
                .containsExactly(Optional.of(BrowserContext.of(VISITOR, null)), Optional.of(own), Optional.empty());
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("1.00", "EUR")).build();
    }
}
