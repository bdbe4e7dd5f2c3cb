package io.github.orderanalytics.quarkus.internal;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The current Vert.x request's headers: those of the REST endpoint (or route) reporting the order. */
@Singleton
public class VertxRequestHeaders implements RequestHeaders {
    private final CurrentVertxRequest request;

    /** @param request the request-scoped bean's client proxy: each call reaches the current request's */
    @Inject
    VertxRequestHeaders(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Optional<Function<String, @Nullable String>> ofCurrentRequest() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext context = request.getCurrent();
        if (context == null) {
            return Optional.empty();
        }
        HttpServerRequest http = context.request();
        return Optional.of(http::getHeader);
    }
}
