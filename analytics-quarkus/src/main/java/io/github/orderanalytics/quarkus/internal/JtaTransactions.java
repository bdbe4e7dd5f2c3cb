package io.github.orderanalytics.quarkus.internal;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Narayana's transactions, as the {@code OrderAnalytics} bean needs them: a report held until the
 * current transaction commits. A bean only where the application has quarkus-narayana-jta, so the
 * runtime needs no JTA classes without it.
 */
@Singleton
public class JtaTransactions {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.quarkus");

    private final TransactionSynchronizationRegistry registry;

    @Inject
    JtaTransactions(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs {@code report} once the current transaction has committed, never if it rolls back.
     *
     * @param owner whose reports these are: each owner's are kept apart in the transaction
     * @return false when there is no transaction, so the caller reports at once
     */
    public boolean afterCommit(Object owner, Runnable report) {
        switch (registry.getTransactionStatus()) {
            case Status.STATUS_ACTIVE -> {
                reportsOf(owner).add(report);
                return true;
            }
            case Status.STATUS_MARKED_ROLLBACK -> {
                // It cannot commit now, so neither may its orders be reported.
                log.debug("An order event was not reported: its transaction is marked for rollback");
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Whether the calling thread is in a transaction that may still commit or roll back. */
    public boolean active() {
        int status = registry.getTransactionStatus();
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
    }

    /** The current transaction's reports, kept with it under {@code owner} from the first one on. */
    private Reports reportsOf(Object owner) {
        Reports reports = (Reports) registry.getResource(owner);
        if (reports == null) {
            reports = new Reports();
            registry.putResource(owner, reports);
            // Interposed: after the resources' own synchronizations, as late as JTA allows.
            registry.registerInterposedSynchronization(reports);
        }
        return reports;
    }

    /** One transaction's reports, held until it completes. */
    private static final class Reports implements Synchronization {
        private final List<Runnable> held = new ArrayList<>();

        void add(Runnable report) {
            held.add(report);
        }

        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                held.forEach(Runnable::run);
            }
            held.clear();
        }
    }
}
