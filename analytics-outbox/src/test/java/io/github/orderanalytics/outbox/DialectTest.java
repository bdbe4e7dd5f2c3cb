package io.github.orderanalytics.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which dialect each database gets, by what its driver says; the real servers are in the contract tests. */
class DialectTest {
    @Test
    void picksTheDialectByProductAndVersion() throws SQLException {
        assertThat(Dialect.of(database("PostgreSQL", "16.4", 16, 4))).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.of(database("H2", "2.3.232 (2024-08-11)", 2, 3))).isEqualTo(Dialect.H2);
        assertThat(Dialect.of(database("MySQL", "8.0.39", 8, 0))).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.of(database("MariaDB", "10.6.19-MariaDB", 10, 6))).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.of(database("MariaDB", "11.4.3-MariaDB-ubu2404", 11, 4)))
                .isEqualTo(Dialect.MYSQL);
        // mysql-connector-j on a MariaDB server: MySQL 5.5.5 by its metadata, MariaDB by its version text
        assertThat(Dialect.of(database("MySQL", "5.5.5-10.11.19-MariaDB-0+deb12u1", 5, 5)))
                .isEqualTo(Dialect.MYSQL);
    }

    @Test
    void refusesWhatItDoesNotSupportNamingWhatItSupportsAndWhatItFound() {
        for (String[] found : new String[][] {
            {"MySQL", "5.7.44", "5", "7"},
            {"MariaDB", "10.5.26-MariaDB", "10", "5"},
            {"MySQL", "5.5.5-10.4.34-MariaDB", "5", "5"},
            {"Microsoft SQL Server", "16.00.4135", "16", "0"},
            {"Oracle", "Oracle Database 23ai", "23", "0"}
        }) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> Dialect.of(
                            database(found[0], found[1], Integer.parseInt(found[2]), Integer.parseInt(found[3]))))
                    .withMessage("order-analytics outbox supports PostgreSQL 12+, MySQL 8.0+, MariaDB 10.6+ and H2 2.x,"
                            + " not " + found[0] + " " + found[1]);
        }
    }

    /** A connection whose metadata says only this: the JDBC interfaces, not a class of ours. */
    private static Connection database(String product, String version, int major, int minor) {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(
                DialectTest.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getDatabaseProductName":
                            return product;
                        case "getDatabaseProductVersion":
                            return version;
                        case "getDatabaseMajorVersion":
                            return major;
                        case "getDatabaseMinorVersion":
                            return minor;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
        return (Connection) Proxy.newProxyInstance(
                DialectTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return meta;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
