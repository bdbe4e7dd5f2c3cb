package io.github.orderanalytics.spring.endpoint;

import io.github.orderanalytics.spring.reconcile.ReconcileJob;
import io.github.orderanalytics.spring.reconcile.ReconcileRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The reconciliation as an Actuator endpoint, {@code orderanalyticsreconcile}: the last run's counts
 * (never an order's data or an email), and a run now. Read-only unless the application opens it ({@code
 * management.endpoint.orderanalyticsreconcile.access=unrestricted}): a run sends missing events again.
 *
 * <pre>
 * GET  /actuator/orderanalyticsreconcile    the last run's counts
 * POST /actuator/orderanalyticsreconcile    run now, and its counts
 * </pre>
 *
 * @since 0.1.0
 */
@Endpoint(id = "orderanalyticsreconcile", defaultAccess = Access.READ_ONLY)
public class OrderAnalyticsReconcileEndpoint {
    private final ReconcileJob job;

    public OrderAnalyticsReconcileEndpoint(ReconcileJob job) {
        this.job = Objects.requireNonNull(job, "job == null");
    }

    @ReadOperation
    public Map<String, Object> lastRun() {
        return job.lastRun().map(OrderAnalyticsReconcileEndpoint::counts).orElse(Map.of("lastRun", "none yet"));
    }

    @WriteOperation
    public Map<String, Object> runNow() {
        return counts(job.run());
    }

    private static Map<String, Object> counts(ReconcileRun run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ranAt", run.ranAt().toString());
        body.put("from", run.from().toString());
        body.put("judgedUntil", run.judgedUntil().toString());
        body.put("expected", run.expected());
        body.put("found", run.found());
        body.put("missing", run.missing());
        body.put("unexpected", run.unexpected());
        body.put("mismatched", run.mismatched());
        body.put("resent", run.resent());
        body.put("refused", run.refused());
        run.failure().ifPresent(f -> body.put("failure", f));
        return body;
    }
}
