package io.github.orderanalytics.spring.reconcile;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease as a row: the first instance to insert the row of a scheduled time runs that
 * reconciliation, the others find the row taken (the primary key) and leave it. Instances with the same
 * schedule compute the same scheduled times, so no clock has to agree with another. If the table cannot
 * be written (missing, the database down) the instance runs anyway and says so once: a reconciliation
 * run twice sends the same uuids twice, which PostHog collapses, while one never run finds nothing.
 *
 * <pre>
 * CREATE TABLE IF NOT EXISTS order_analytics_reconcile_run (
 *     scheduled_at VARCHAR(40) NOT NULL PRIMARY KEY,
 *     taken_by     VARCHAR(200) NOT NULL
 * )
 * </pre>
 *
 * @since 0.1.0
 */
public final class JdbcReconcileLease implements ReconcileLease {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    /** The lease table's DDL, the same on PostgreSQL, MySQL, MariaDB and H2; running it again changes nothing. */
    public static final String DDL = "CREATE TABLE IF NOT EXISTS order_analytics_reconcile_run ("
            + "scheduled_at VARCHAR(40) NOT NULL PRIMARY KEY, taken_by VARCHAR(200) NOT NULL)";

    private static final String SQL_TAKE =
            "INSERT INTO order_analytics_reconcile_run (scheduled_at, taken_by) VALUES (?, ?)";

    private final DataSource dataSource;
    private final String holder;
    private final AtomicBoolean failureSaid = new AtomicBoolean();

    public JdbcReconcileLease(DataSource dataSource) {
        this(dataSource, defaultHolder());
    }

    JdbcReconcileLease(DataSource dataSource, String holder) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.holder = holder.length() <= 200 ? holder : holder.substring(0, 200);
    }

    /** Creates the lease table if it is missing. */
    public void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(DDL);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Override
    public boolean take(Instant scheduledAt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(SQL_TAKE)) {
            s.setString(1, scheduledAt.toString());
            s.setString(2, holder);
            s.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // the row is there: another instance took this run
            }
            if (failureSaid.compareAndSet(false, true)) {
                log.warn(
                        "order-analytics reconciliation could not take its lease in order_analytics_reconcile_run"
                                + " (create it with: {}); running anyway, as a run twice costs only duplicates PostHog"
                                + " collapses",
                        DDL,
                        e);
            }
            return true;
        }
    }

    /** The JVM's own name for itself, {@code pid@host}: who holds the lease, for whoever reads the table. */
    private static String defaultHolder() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
