package io.github.orderanalytics.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The outbox table's DDL as the module ships it ({@code schema-postgresql.sql}, {@code schema-h2.sql}
 * next to this class), for applications and tests that create the table without a migration tool.
 *
 * <pre>{@code
 * OutboxSchema.create(dataSource);   // CREATE TABLE order_analytics_outbox ... and its index
 * }</pre>
 *
 * <p>With Flyway or Liquibase, copy the file into a migration instead.
 *
 * @since 0.1.0
 */
public final class OutboxSchema {
    private OutboxSchema() {}

    /**
     * Creates the table and its index with the DDL for {@code dataSource}'s database.
     *
     * @throws SQLException if the database refuses it (the table exists already, say)
     * @throws IllegalStateException if the database is neither PostgreSQL nor H2
     */
    public static void create(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            Dialect dialect = Dialect.of(c)
                    .orElseThrow(() -> new IllegalStateException("order-analytics outbox supports PostgreSQL and H2"));
            for (String statement : statements(dialect)) {
                s.execute(statement);
            }
        }
    }

    /** The statements of {@code schema-postgresql.sql}, comments left out. */
    public static List<String> postgresql() {
        return statements(Dialect.POSTGRESQL);
    }

    /** The statements of {@code schema-h2.sql}, comments left out. */
    public static List<String> h2() {
        return statements(Dialect.H2);
    }

    static List<String> statements(Dialect dialect) {
        String file = dialect.ddlFile();
        try (InputStream in = OutboxSchema.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from analytics-outbox");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return Arrays.stream(text.split(";"))
                    .map(String::strip)
                    .filter(statement -> !statement.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
