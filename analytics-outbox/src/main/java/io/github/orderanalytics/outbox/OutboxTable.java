package io.github.orderanalytics.outbox;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The outbox table's name and columns, and the statements every database shares. */
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

    /** A table name, optionally schema-qualified: it goes into SQL text, so nothing else is allowed. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    final String name;

    OutboxTable(String name) {
        Objects.requireNonNull(name, "table == null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "table must be a plain SQL name, optionally schema-qualified (letters, digits, _), was '" + name
                            + "'");
        }
        this.name = name;
    }

    String insert() {
        return "INSERT INTO " + name + " (event_uuid, event_time, payload, created_at, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?)";
    }

    /** Deletes the rows whose ids are in the array parameter, in one statement. */
    String delete() {
        return "DELETE FROM " + name + " WHERE id = ANY (?)";
    }

    String reschedule() {
        return "UPDATE " + name + " SET claimed_by = NULL, claimed_until = NULL, next_attempt_at = ?, last_error = ?"
                + " WHERE id = ? AND claimed_by = ?";
    }

    String bury() {
        return "UPDATE " + name + " SET claimed_by = NULL, claimed_until = NULL, dead_at = ?, dead_reason = ?"
                + " WHERE id = ? AND claimed_by = ?";
    }

    String pending() {
        return "SELECT COUNT(*), MIN(created_at) FROM " + name + " WHERE dead_at IS NULL";
    }

    String dead() {
        return "SELECT COUNT(*) FROM " + name + " WHERE dead_at IS NOT NULL";
    }

    /** Due rows not held by a live claim; the claim's parameters, in order: now, now. */
    String due() {
        return "dead_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";
    }
}
