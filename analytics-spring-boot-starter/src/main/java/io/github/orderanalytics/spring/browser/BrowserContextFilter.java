package io.github.orderanalytics.spring.browser;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.posthog.PostHogBrowserContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * Makes each servlet request's browser context (posthog-js's tracing headers, and with {@code cookie}
 * its cookie) the {@link RequestBrowserContext} while the request is served. Reads nothing until an
 * order asks; never throws; a browser that opted out of PostHog's capturing gives none. Runs first, so
 * every later filter and handler on the request's thread sees it.
 *
 * @since 0.1.0
 */
public final class BrowserContextFilter implements Filter, Ordered {
    private final boolean cookie;
    private final @Nullable String projectApiKey;

    /**
     * @param cookie whether to fall back to posthog-js's cookie when there are no tracing headers
     * @param projectApiKey the project key posthog-js uses (for its cookie names); null if unknown
     */
    public BrowserContextFilter(boolean cookie, @Nullable String projectApiKey) {
        this.cookie = cookie;
        this.projectApiKey = projectApiKey;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        RequestBrowserContext.Scope scope = RequestBrowserContext.open(() -> read(http));
        try {
            chain.doFilter(request, response);
        } finally {
            scope.close();
        }
    }

    /** Each source read once; an opted-out browser is not followed to checkout, headers or cookie. */
    Optional<BrowserContext> read(HttpServletRequest request) {
        return PostHogBrowserContext.fromRequest(request::getHeader, projectApiKey, cookie);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public String toString() {
        return "BrowserContextFilter{cookie=" + cookie + "}";
    }
}
