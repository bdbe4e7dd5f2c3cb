package io.github.orderanalytics.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The dialect of one DataSource's database, found on the first connection asked and kept: a DataSource is
 * one database, and asking the driver on every call would cost each checkout a metadata round.
 */
final class KnownDialect {
    private volatile @Nullable Dialect dialect;

    /** The dialect, from {@code connection} the first time. */
    Dialect of(Connection connection) throws SQLException {
        Dialect known = dialect;
        if (known == null) {
            known = Dialect.of(connection);
            dialect = known;
        }
        return known;
    }
}
