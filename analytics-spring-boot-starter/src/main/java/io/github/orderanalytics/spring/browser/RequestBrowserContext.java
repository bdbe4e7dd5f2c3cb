package io.github.orderanalytics.spring.browser;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The browser context of the request the current thread serves, as {@link BrowserContextFilter} found
 * it: read once, when first asked for, so a request that reports no order pays nothing. The starter's
 * {@code OrderAnalytics} bean, its outbox and its event listener attach it to identities that have
 * none, on the request's thread, so an after-commit delivery or an outbox row carries it.
 *
 * <pre>{@code
 * Identity buyer = RequestBrowserContext.attachTo(Identity.guest(email));   // what the starter does for you
 * }</pre>
 *
 * <p>Outside a request (a scheduled job, a message listener) there is none. Work a request hands to
 * other threads does not see it: attach it on the request thread, or pass the {@code BrowserContext}.
 *
 * @since 0.1.0
 */
public final class RequestBrowserContext {
    private static final ThreadLocal<Lazy> CURRENT = new ThreadLocal<>();

    private RequestBrowserContext() {}

    /** The current request's browser context; empty outside a request, or when the browser sent none. */
    public static Optional<BrowserContext> current() {
        Lazy lazy = CURRENT.get();
        return lazy == null ? Optional.empty() : lazy.get();
    }

    /** {@code identity} with the current request's browser context if it has none of its own; else {@code identity}. */
    public static Identity attachTo(Identity identity) {
        Objects.requireNonNull(identity, "identity == null");
        if (identity.browser().isPresent()) {
            return identity;
        }
        return current().map(identity::withBrowser).orElse(identity);
    }

    /** Makes {@code read} the current thread's context until the returned scope closes; scopes nest. */
    static Scope open(Supplier<Optional<BrowserContext>> read) {
        Lazy previous = CURRENT.get();
        CURRENT.set(new Lazy(read));
        return () -> {
            if (previous == null) {
                CURRENT.remove(); // nothing stays behind on a pooled thread
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** A request's context, read at most once. */
    private static final class Lazy {
        private @Nullable Supplier<Optional<BrowserContext>> read;
        private @Nullable Optional<BrowserContext> value;

        Lazy(Supplier<Optional<BrowserContext>> read) {
            this.read = read;
        }

        Optional<BrowserContext> get() {
            Optional<BrowserContext> v = value;
            if (v == null) {
                Supplier<Optional<BrowserContext>> r = read;
                try {
                    v = r == null ? Optional.empty() : r.get();
                } catch (RuntimeException e) { // a recycled request, say: no context, checkout goes on
                    v = Optional.empty();
                }
                value = v;
                read = null;
            }
            return v;
        }
    }

    /** Ends what {@link #open} began. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
