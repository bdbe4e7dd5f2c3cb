package io.github.orderanalytics.outbox;

import javax.sql.DataSource;

/** The contract on the same MariaDB server through MySQL's driver, {@code mysql-connector-j}. */
class MariaDbWithMySqlDriverOutboxTest extends OutboxContract {
    @Override
    protected DataSource database() {
        return Databases.mariadbWithMySqlDriver();
    }
}
