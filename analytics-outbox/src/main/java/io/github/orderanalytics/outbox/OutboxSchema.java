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
 * The outbox table's DDL as the module ships it ({@code schema-postgresql.sql}, {@code
 * schema-mysql.sql} for MySQL and MariaDB, {@code schema-h2.sql} next to this class), for applications
 * and tests that create the table without a migration tool.
 *
 * <pre>{@code
 * OutboxSchema.create(dataSource);   // CREATE TABLE IF NOT EXISTS order_analytics_outbox ... and its indexes
 * }</pre>
 *
 * <p>The DDL is idempotent: run again, it creates only what is missing. With Flyway or Liquibase,
 * copy the file into a migration instead.
 *
 * @since 0.1.0
 */
public final class OutboxSchema {
    private OutboxSchema() {}

    /**
     * Creates the table {@code order_analytics_outbox} and its indexes, where missing, with the DDL
     * for {@code dataSource}'s database.
     *
     * @throws SQLException if the database refuses it
     * @throws IllegalStateException if the database is neither PostgreSQL nor H2
     */
    public static void create(DataSource dataSource) throws SQLException {
        create(dataSource, OutboxTable.DEFAULT_NAME);
    }

    /** As {@link #create(DataSource)}, for {@code table} (schema-qualified if need be); its indexes are named after it. */
    public static void create(DataSource dataSource, String table) throws SQLException {
        new OutboxTable(table); // checks the name
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            Dialect dialect = Dialect.of(c);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true); // DDL on its own, whatever the pool's default
            try {
                for (String statement : statements(dialect)) {
                    s.execute(forTable(statement, table));
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * {@code script} (the shipped DDL, or a statement of it) for {@code table}: the table's name, and its
     * indexes' names after it, put in place of the default's. For a migration tool or a framework that runs
     * the shipped script itself.
     *
     * @throws IllegalArgumentException if {@code table} is not a plain, optionally schema-qualified, name
     * @since 0.1.0
     */
    public static String forTable(String script, String table) {
        String name = new OutboxTable(table).name;
        if (name.equals(OutboxTable.DEFAULT_NAME)) {
            return script;
        }
        String unqualified = name.substring(name.lastIndexOf('.') + 1);
        // Index names first, through a mark no name can hold, so a table named like the default
        // (order_analytics_outbox2, say) is not renamed twice.
        return script.replace(OutboxTable.DEFAULT_NAME + "_", "\0")
                .replace(OutboxTable.DEFAULT_NAME, name)
                .replace("\0", unqualified + "_");
    }

    /** The statements of {@code schema-postgresql.sql}, comments left out. */
    public static List<String> postgresql() {
        return statements(Dialect.POSTGRESQL);
    }

    /**
     * The statements of {@code schema-mysql.sql} (MySQL 8.0+ and MariaDB 10.6+), comments left out.
     *
     * @since 0.1.0
     */
    public static List<String> mysql() {
        return statements(Dialect.MYSQL);
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
