package io.github.orderanalytics.outbox;

import javax.sql.DataSource;

class H2OutboxTest extends OutboxContract {
    @Override
    protected DataSource database() {
        return Databases.h2();
    }
}
