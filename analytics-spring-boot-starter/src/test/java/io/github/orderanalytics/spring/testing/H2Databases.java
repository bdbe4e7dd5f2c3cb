package io.github.orderanalytics.spring.testing;

import io.github.orderanalytics.outbox.OutboxSchema;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 database per call, for the starter's outbox tests. */
public final class H2Databases {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private H2Databases() {}

    /** A new database, with the outbox table if {@code withTable}. */
    public static DataSource create(boolean withTable) {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:starter-outbox" + NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        if (withTable) {
            try {
                OutboxSchema.create(dataSource);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return dataSource;
    }
}
