package io.github.orderanalytics.quarkus.internal;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jspecify.annotations.Nullable;

/** The current Vert.x request's headers: those of the REST endpoint (or route) reporting the order. */
@Singleton
public class VertxRequestHeaders implements RequestHeaders {
    private final Instance<CurrentVertxRequest> request;

    @Inject
    VertxRequestHeaders(Instance<CurrentVertxRequest> request) {
        this.request = request;
    }

    @Override
    public boolean present() {
        return current() != null;
    }

    @Override
    public @Nullable String header(String name) {
        RoutingContext context = current();
        return context == null ? null : context.request().getHeader(name);
    }

    private @Nullable RoutingContext current() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return null;
        }
        return request.get().getCurrent();
    }
}
