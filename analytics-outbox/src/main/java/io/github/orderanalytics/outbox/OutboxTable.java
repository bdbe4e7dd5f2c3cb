package io.github.orderanalytics.outbox;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The outbox table's name, its columns, and the writer's insert, formatted once for that name. */
final class OutboxTable {
    static final String DEFAULT_NAME = "order_analytics_outbox";

    /** Every column the relay and the writer use, as the shipped DDL creates them. */
    static final List<String> COLUMNS = List.of(
            "id",
            "event_uuid",
            "event_time",
            "payload",
            "created_at",
            "attempts",
            "next_attempt_at",
            "claimed_by",
            "claimed_until",
            "last_error",
            "dead_at",
            "dead_reason");

    /** The row's creation and first due time are the database's now, whatever the writing node's clock says. */
    private static final String SQL_INSERT =
            "INSERT INTO %s (event_uuid, event_time, payload, created_at, next_attempt_at)"
                    + " VALUES (?, ?, ?, %s, %s)";

    /** A table name, optionally schema-qualified: it goes into SQL text, so nothing else is allowed. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    final String name;

    /** The writer's one statement, per dialect. */
    private final java.util.Map<Dialect, String> inserts = new java.util.EnumMap<>(Dialect.class);

    OutboxTable(String name) {
        Objects.requireNonNull(name, "table == null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "table must be a plain SQL name, optionally schema-qualified (letters, digits, _), was '" + name
                            + "'");
        }
        this.name = name;
        for (Dialect d : Dialect.values()) {
            inserts.put(d, SQL_INSERT.formatted(name, d.now(), d.now()));
        }
    }

    /** The writer's one statement on {@code dialect}: uuid, event time and payload as parameters. */
    String insert(Dialect dialect) {
        return Objects.requireNonNull(inserts.get(dialect), "every dialect has its insert");
    }
}
