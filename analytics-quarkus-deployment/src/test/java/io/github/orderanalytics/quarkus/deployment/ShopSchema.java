package io.github.orderanalytics.quarkus.deployment;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The shop's own table, created at start. */
@ApplicationScoped
public class ShopSchema {
    void create(@Observes StartupEvent started, DataSource orders) throws SQLException {
        try (Connection c = orders.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS shop_orders (id VARCHAR(64) PRIMARY KEY)");
        }
    }
}
