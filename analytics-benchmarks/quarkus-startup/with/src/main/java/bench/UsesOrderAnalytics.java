package bench;

import io.github.orderanalytics.OrderAnalytics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** As a shop's checkout service would: the bean, and so the client and its threads, exist once started. */
@Startup
@ApplicationScoped
public class UsesOrderAnalytics {
    @Inject
    OrderAnalytics analytics;

    @jakarta.annotation.PostConstruct
    void ready() {
        analytics.toString(); // resolves the bean now, not at the first order
    }
}
