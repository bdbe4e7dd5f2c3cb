package io.github.orderanalytics.spring.endpoint;

import io.github.orderanalytics.outbox.DeadRow;
import io.github.orderanalytics.outbox.OutboxAdmin;
import io.github.orderanalytics.outbox.OutboxBacklog;
import io.github.orderanalytics.spring.internal.DurationText;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The outbox's dead rows as an Actuator endpoint, {@code orderanalyticsoutbox}, available only as
 * the application exposes endpoints ({@code management.endpoints.web.exposure.include}); secure it
 * as you secure Actuator. Payloads are never shown: they hold the orders' properties.
 *
 * <p>Read-only unless the application opens it ({@code
 * management.endpoint.orderanalyticsoutbox.access=unrestricted}): resubmitting and purging change the
 * table, so exposing the endpoint is not enough for them. A malformed uuid, offset or age is a 400.
 *
 * <pre>
 * GET    /actuator/orderanalyticsoutbox            backlog, and the first 100 dead rows
 * GET    /actuator/orderanalyticsoutbox/100        the dead rows from the 101st on
 * POST   /actuator/orderanalyticsoutbox            {"uuids": "all"} or {"uuids": "uuid,uuid"}: send again
 * DELETE /actuator/orderanalyticsoutbox/30d        purge dead rows older than 30 days (or P30D; a unit is required)
 * </pre>
 *
 * @since 0.1.0
 */
@Endpoint(id = "orderanalyticsoutbox", defaultAccess = Access.READ_ONLY)
public class OrderAnalyticsOutboxEndpoint {
    static final int PAGE = 100;

    private final OutboxAdmin admin;

    public OrderAnalyticsOutboxEndpoint(OutboxAdmin admin) {
        this.admin = Objects.requireNonNull(admin, "admin == null");
    }

    /** What waits, and the first page of dead rows. */
    @ReadOperation
    public Map<String, Object> outbox() throws SQLException {
        OutboxBacklog backlog = admin.backlog();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("table", admin.table());
        body.put("pending", backlog.pending());
        backlog.oldestPendingAge()
                .ifPresent(age -> body.put("oldestPendingAge", age.withNanos(0).toString()));
        body.put("dead", backlog.dead());
        body.put("deadRows", rows(0));
        return body;
    }

    /** Dead rows, {@value #PAGE} from {@code offset} on, oldest first. */
    @ReadOperation
    public Map<String, Object> deadRows(@Selector int offset) throws SQLException {
        if (offset < 0) {
            throw new InvalidEndpointRequestException(
                    "offset must not be negative, was " + offset, "offset must not be negative");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("offset", offset);
        body.put("deadRows", rows(offset));
        return body;
    }

    /** Sends dead rows again with the next relay round: {@code all}, or uuids separated by commas. */
    @WriteOperation
    public Map<String, Object> resubmit(String uuids) throws SQLException {
        Objects.requireNonNull(uuids, "uuids == null");
        int resubmitted;
        if (uuids.strip().equalsIgnoreCase("all")) {
            resubmitted = admin.resubmitAll();
        } else {
            List<UUID> chosen = new ArrayList<>();
            for (String uuid : uuids.split(",")) {
                if (!uuid.isBlank()) {
                    chosen.add(uuid(uuid.strip()));
                }
            }
            resubmitted = admin.resubmit(chosen);
        }
        return Map.of("resubmitted", resubmitted);
    }

    /** Deletes dead rows older than {@code olderThan} ({@code 30d}, {@code P30D}); never a row that waits. */
    @DeleteOperation
    public Map<String, Object> purge(@Selector String olderThan) throws SQLException {
        Duration age;
        try {
            age = DurationText.positive("olderThan", olderThan);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(
                    String.valueOf(e.getMessage()), String.valueOf(e.getMessage()), e);
        }
        return Map.of("purged", admin.purgeDead(age), "olderThan", age.toString());
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
            String message = "uuids must be 'all' or event uuids separated by commas, not '" + shown + "'";
            throw new InvalidEndpointRequestException(message, message, e);
        }
    }

    private List<Map<String, Object>> rows(int offset) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DeadRow row : admin.deadRows(offset, PAGE)) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("id", row.id());
            shown.put("eventUuid", row.eventUuid().toString());
            shown.put("eventTime", String.valueOf(row.eventTime()));
            shown.put("createdAt", String.valueOf(row.createdAt()));
            shown.put("attempts", row.attempts());
            shown.put("deadAt", row.deadAt().toString());
            shown.put("reason", row.reason());
            rows.add(shown);
        }
        return rows;
    }
}
