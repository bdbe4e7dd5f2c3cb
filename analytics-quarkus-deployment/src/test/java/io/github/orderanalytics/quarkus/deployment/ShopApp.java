package io.github.orderanalytics.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;

/** The application the transaction tests start: the {@link Shop} on an in-memory H2 database of its own. */
final class ShopApp {
    private ShopApp() {}

    /** With {@code database}'s name; H2 creates the shop's table as the database opens. */
    static QuarkusUnitTest on(String database) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(Shop.class, ShopApp.class, DevServicePostHog.class))
                .overrideConfigKey("quarkus.datasource.db-kind", "h2")
                .overrideConfigKey(
                        "quarkus.datasource.jdbc.url",
                        "jdbc:h2:mem:" + database
                                + ";DB_CLOSE_DELAY=-1;INIT=CREATE TABLE IF NOT EXISTS shop_orders (id VARCHAR(64) PRIMARY KEY)");
    }
}
