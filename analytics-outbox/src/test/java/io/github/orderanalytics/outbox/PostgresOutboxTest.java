package io.github.orderanalytics.outbox;

import javax.sql.DataSource;

class PostgresOutboxTest extends OutboxContract {
    @Override
    protected DataSource database() {
        return Databases.postgres();
    }
}
