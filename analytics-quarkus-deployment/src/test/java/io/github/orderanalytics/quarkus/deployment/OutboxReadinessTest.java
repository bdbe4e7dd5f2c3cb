package io.github.orderanalytics.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.testsupport.Await;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox's table missing (initialize-schema=never, no migration ran): readiness says DOWN, naming
 * the failure, because every order's transaction would fail on its row; delivery health stays UP.
 */
class OutboxReadinessTest {
    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Await.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:notable;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("order-analytics.outbox.enabled", "true")
            .overrideConfigKey("order-analytics.outbox.initialize-schema", "never")
            .overrideConfigKey("order-analytics.outbox.relay-enabled", "false");

    @Test
    void readinessIsDownWhileTheTableCannotBeRead() {
        Await.until(
                () -> ready().statusCode() == 503 && ready().asString().contains("order_analytics_outbox"),
                Duration.ofSeconds(15),
                () -> ready().asString());

        String body = ready().asString();
        assertThat(body).contains("\"name\": \"order-analytics-outbox\"").contains("\"status\": \"DOWN\"");
        given().when().get("/q/health/well").then().statusCode(200);
    }

    private static Response ready() {
        return given().when().get("/q/health/ready");
    }
}
