package io.github.orderanalytics.quarkus;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.posthog.PostHogBrowserContext;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.quarkus.internal.RequestHeaders;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser context of the HTTP request being served: posthog-js's {@code X-POSTHOG-*} tracing
 * headers, and with {@code order-analytics.browser-context.cookie=true} its cookie. The extension's
 * {@code OrderAnalytics} bean attaches it to identities that have none, when the order is reported, so
 * an after-commit delivery or an outbox row carries it. Read only when an order is reported, so a
 * request that reports none pays nothing.
 *
 * <pre>{@code
 * @Inject RequestBrowserContext browser;
 * Identity buyer = browser.attachTo(Identity.guest(email));   // what the bean does for you
 * }</pre>
 *
 * <p>What a browser sends is untrusted: reading it never throws, and it never decides who a customer
 * is (see {@code Identity}). Outside a request (a scheduled job, a message consumer) there is none.
 *
 * @since 0.1.0
 */
@Singleton
public class RequestBrowserContext {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.quarkus");

    private final Optional<RequestHeaders> headers;
    private final OrderAnalyticsConfig.BrowserContext settings;
    private final @Nullable String projectApiKey;

    /** @param clients the PostHog client, whose project key (as it resolved it) names posthog-js's cookies */
    @Inject
    RequestBrowserContext(
            Instance<RequestHeaders> headers, OrderAnalyticsConfig config, Instance<PostHogOrderAnalytics> clients) {
        this.headers = headers.isResolvable() ? Optional.of(headers.get()) : Optional.empty();
        this.settings = config.browserContext();
        this.projectApiKey =
                clients.isResolvable() ? clients.get().config().apiKey().orElse(null) : null;
    }

    /** The current request's browser context; empty outside a request, or when the browser sent none. */
    public Optional<BrowserContext> current() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        try {
            return headers.flatMap(RequestHeaders::ofCurrentRequest)
                    .flatMap(header -> PostHogBrowserContext.fromRequest(header, projectApiKey, settings.cookie()));
        } catch (RuntimeException e) { // no request, a recycled one: no context, checkout goes on
            log.debug("No browser context read from the request: {}", e.toString());
            return Optional.empty();
        }
    }

    /** {@code identity} with the current request's browser context if it has none of its own; else {@code identity}. */
    public Identity attachTo(Identity identity) {
        Objects.requireNonNull(identity, "identity == null");
        if (identity.browser().isPresent()) {
            return identity;
        }
        return current().map(identity::withBrowser).orElse(identity);
    }
}
