package io.github.orderanalytics.outbox;

import javax.sql.DataSource;

/** The contract on a real MariaDB server through MariaDB's own driver, {@code mariadb-java-client}. */
class MariaDbOutboxTest extends OutboxContract {
    @Override
    protected DataSource database() {
        return Databases.mariadb();
    }
}
