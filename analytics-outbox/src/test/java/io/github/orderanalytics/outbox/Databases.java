package io.github.orderanalytics.outbox;

import io.github.orderanalytics.testsupport.Await;
import io.github.orderanalytics.testsupport.MariaDbServer;
import io.github.orderanalytics.testsupport.Skip;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases the outbox is tested on: H2 in memory, a real PostgreSQL started once per JVM, and a
 * real MariaDB server ({@link MariaDbServer}) through either driver.
 */
final class Databases {
    private static final AtomicInteger H2_NAMES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {}

    /** A fresh in-memory H2 database with the shipped DDL applied. */
    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:outbox" + H2_NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** The embedded PostgreSQL's database, shared: {@link #recreate} gives each test a fresh table. */
    static synchronized DataSource postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the process is ending; the data directory is temporary
                }
            }));
        }
        return postgres.getPostgresDatabase();
    }

    /** The test MariaDB server's database through {@code mariadb-java-client}; skips the test without MariaDB. */
    static DataSource mariadb() {
        org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource();
        try {
            ds.setUrl(mariadbServer().url("mariadb"));
            ds.setUser("root");
            ds.setPassword("");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ds;
    }

    /** The shared test MariaDB server; skips the calling test when there is none. */
    private static MariaDbServer mariadbServer() {
        Optional<MariaDbServer> server = MariaDbServer.shared();
        Skip.unless(server.isPresent(), "MariaDB tests skipped: " + MariaDbServer.NOT_INSTALLED);
        return server.get();
    }

    /** The JDBC URL of the test MariaDB's database, user included, for another process. */
    static String mariadbUrl() {
        return mariadbServer().url("mariadb") + "?user=root&password=";
    }

    /** The same database through {@code mysql-connector-j}, which users of MySQL's driver have. */
    static DataSource mariadbWithMySqlDriver() {
        com.mysql.cj.jdbc.MysqlDataSource ds = new com.mysql.cj.jdbc.MysqlDataSource();
        ds.setUrl(mariadbServer().url("mysql") + "?sslMode=DISABLED");
        ds.setUser("root");
        ds.setPassword("");
        return ds;
    }

    /** The JDBC URL of the embedded PostgreSQL's database, for another process (user and password: postgres). */
    static synchronized String postgresUrl() {
        postgres();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Drops the outbox and orders tables if they exist, then creates them: the shipped DDL, and a plain orders table. */
    static void recreate(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS order_analytics_outbox");
            s.execute("DROP TABLE IF EXISTS orders");
            s.execute("CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, total DECIMAL(12, 2) NOT NULL)");
        }
        OutboxSchema.create(dataSource);
    }

    /** Rows in the outbox table. */
    static long rows(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM order_analytics_outbox")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Waits until the outbox table is empty, polling it, or fails after {@code timeout}. */
    static void awaitEmpty(DataSource dataSource, Duration timeout) {
        Await.until(
                () -> rowsNow(dataSource) == 0,
                timeout,
                Duration.ofMillis(50),
                () -> rowsNow(dataSource) + " rows left");
    }

    private static long rowsNow(DataSource dataSource) {
        try {
            return rows(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("the outbox table cannot be counted", e);
        }
    }
}
