package com.example.shop;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The shop's orders table (a real shop has Flyway or Hibernate do this). */
@ApplicationScoped
public class ShopSchema {
    void create(@Observes StartupEvent started, DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY, total DECIMAL(12, 2))");
        }
    }
}
