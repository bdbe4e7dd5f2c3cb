package io.github.orderanalytics.quarkus.deployment;

import io.github.orderanalytics.quarkus.OrderAnalyticsProducer;
import io.github.orderanalytics.quarkus.RequestBrowserContext;
import io.github.orderanalytics.quarkus.internal.DeliveryHealthCheck;
import io.github.orderanalytics.quarkus.internal.JtaTransactions;
import io.github.orderanalytics.quarkus.internal.OrderAnalyticsMeters;
import io.github.orderanalytics.quarkus.internal.OutboxReadinessCheck;
import io.github.orderanalytics.quarkus.internal.OutboxSupport;
import io.github.orderanalytics.quarkus.internal.VertxRequestHeaders;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * Which of the extension's beans an application gets: the client and the {@code OrderAnalytics} bean
 * always; the rest only with what they work with, so nobody gets a class they did not ask for.
 */
final class OrderAnalyticsProcessor {
    static final String FEATURE = "order-analytics";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans(Capabilities capabilities) {
        AdditionalBeanBuildItem.Builder beans = AdditionalBeanBuildItem.builder()
                .setUnremovable()
                .addBeanClasses(OrderAnalyticsProducer.class, RequestBrowserContext.class);
        if (capabilities.isPresent(Capability.TRANSACTIONS)) {
            beans.addBeanClass(JtaTransactions.class);
        }
        if (capabilities.isPresent(Capability.VERTX_HTTP)) {
            beans.addBeanClass(VertxRequestHeaders.class);
        }
        boolean outbox = capabilities.isPresent(Capability.AGROAL)
                && present("io.github.orderanalytics.outbox.OutboxOrderAnalytics");
        if (outbox) {
            beans.addBeanClass(OutboxSupport.class);
        }
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.addBeanClass(DeliveryHealthCheck.class);
            if (outbox) {
                beans.addBeanClass(OutboxReadinessCheck.class);
            }
        }
        // quarkus-micrometer's capability is the deprecated, shared "metrics": its own class says it is there
        if (present("io.quarkus.micrometer.runtime.MicrometerRecorder")
                && present("io.github.orderanalytics.micrometer.OrderAnalyticsMetrics")) {
            beans.addBeanClass(OrderAnalyticsMeters.class);
        }
        return beans.build();
    }

    private static boolean present(String className) {
        return QuarkusClassLoader.isClassPresentAtRuntime(className);
    }
}
