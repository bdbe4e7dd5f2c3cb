package io.github.orderanalytics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox asked for on a DataSource the application does not have: it stops at start, naming it. */
class OutboxWithoutDataSourceTest {
    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:nosuch;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("order-analytics.outbox.enabled", "true")
            .overrideConfigKey("order-analytics.outbox.data-source", "orders")
            .assertException(e -> assertThat(e)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("order-analytics.outbox.data-source")
                    .hasMessageContaining("'orders'"));

    @Test
    void theApplicationDoesNotStart() {
        // assertException above checks why; reaching this would mean it started
        throw new AssertionError("the application started");
    }
}
