package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.posthog.DropReason;
import io.github.orderanalytics.posthog.internal.config.Quote;
import io.github.orderanalytics.posthog.internal.wire.OrderEventWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one batch on a sender thread: encodes it a request at a time, sends each request, and
 * follows the {@link RetryPolicy} until every event is settled in the {@link Ledger}. Only close()
 * stops it early; then close() settles what is left.
 */
final class BatchDelivery {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    private final Sending sending;
    private final BooleanSupplier stopping;
    private final String endpoint;
    private final AtomicBoolean apiKeyErrorLogged = new AtomicBoolean();
    private final RateLimitedLog refusedLog = new RateLimitedLog(60, TimeUnit.SECONDS);
    private final RateLimitedLog rejectedEventLog = new RateLimitedLog(10, TimeUnit.SECONDS);
    private final RateLimitedLog exhaustedLog = new RateLimitedLog(10, TimeUnit.SECONDS);

    BatchDelivery(Sending sending, BooleanSupplier stopping, String endpoint) {
        this.sending = sending;
        this.stopping = stopping;
        this.endpoint = endpoint;
    }

    /** Settles every event of {@code batch}, unless close() stops this thread first. */
    void deliver(List<Pending> batch) {
        OrderEventWriter writer = sending.encoder().writer();
        int from = 0;
        while (from < batch.size()) {
            int end = BatchEncoder.requestEnd(batch, from);
            List<Pending> request = sending.encoder().encode(batch.subList(from, end), writer, this::unwritable);
            from = end;
            if (!send(request)) {
                return;
            }
        }
    }

    private void unwritable(Pending p, Exception e) {
        if (sending.ledger().dropped(List.of(p), DropReason.REJECTED) == 1) {
            log.error("order-analytics could not encode an order event; dropped it as REJECTED", e);
        }
    }

    /** Sends {@code request} until each of its events is settled; false if close() stopped this thread. */
    private boolean send(List<Pending> request) {
        int retries = 0;
        boolean again = false;
        while (true) {
            request.removeIf(Pending::isSettled); // close() may have given up on them
            if (request.isEmpty()) {
                return true;
            }
            if (again) {
                sending.ledger().retried();
            }
            again = true;
            SendResult result;
            try {
                result = sending.send(request, false);
            } catch (InterruptedException e) {
                if (stopping.getAsBoolean()) {
                    return false;
                }
                continue; // not close(): whoever interrupted us does not stop delivery
            }
            RetryPolicy.Decision decision = sending.decide(result, retries);
            switch (decision.action()) {
                case DELIVERED:
                    sending.ledger().delivered(request);
                    return true;
                case SPLIT:
                    return split(request, result);
                case KEY_REFUSED:
                    keyRefused(request, result);
                    return true;
                case REJECT:
                    reject(request, result);
                    return true;
                case GIVE_UP:
                    int dropped = sending.ledger().dropped(request, DropReason.RETRIES_EXHAUSTED);
                    long count = exhaustedLog.record(dropped);
                    if (count > 0) {
                        log.warn(
                                "order-analytics dropped {} order event(s) after {} retries; last error: {}",
                                count,
                                retries,
                                result.describe());
                    }
                    return true;
                default: // RETRY
                    retries++;
                    log.debug(
                            "PostHog request failed ({}); retry {} in {} ms",
                            result.describe(),
                            retries,
                            TimeUnit.NANOSECONDS.toMillis(decision.delayNanos()));
                    try {
                        sending.clock().sleep(decision.delayNanos());
                    } catch (InterruptedException e) {
                        if (stopping.getAsBoolean()) {
                            return false;
                        }
                    }
            }
        }
    }

    /** A 400 or 413: halve the request until the offending events stand alone, then drop only those. */
    private boolean split(List<Pending> request, SendResult result) {
        if (request.size() == 1) {
            Pending p = request.get(0);
            if (sending.ledger().dropped(request, DropReason.REJECTED) == 1) {
                long count = rejectedEventLog.record(1);
                if (count > 0) {
                    log.warn(
                            "PostHog rejected {} order event(s), latest {} ({}); dropped as REJECTED",
                            count,
                            p.uuid(),
                            result.describe());
                }
                if (log.isDebugEnabled()) {
                    log.debug(
                            "PostHog's answer to event {}: {}",
                            p.uuid(),
                            result.body().get());
                }
            }
            return true;
        }
        int half = request.size() / 2;
        return send(new ArrayList<>(request.subList(0, half)))
                && send(new ArrayList<>(request.subList(half, request.size())));
    }

    private void keyRefused(List<Pending> request, SendResult result) {
        sending.ledger().dropped(request, DropReason.API_KEY_REFUSED);
        if (apiKeyErrorLogged.compareAndSet(false, true)) {
            log.error(
                    "PostHog refused the API key ({}): check POSTHOG_API_KEY (a project key, phc_...)"
                            + " and that POSTHOG_HOST is the project's region. Events are dropped as API_KEY_REFUSED.",
                    result.describe());
        }
    }

    private void reject(List<Pending> request, SendResult result) {
        int dropped = sending.ledger().dropped(request, DropReason.REJECTED);
        int status = result.status();
        long count = refusedLog.record(dropped);
        if (count == 0) {
            return;
        }
        if (status >= 300 && status < 400) {
            log.error(
                    "PostHog answered {} at {}, redirecting to {}: not followed, as it would carry the API key"
                            + " there. Set POSTHOG_HOST to the address that answers. Dropped {} order event(s) as REJECTED.",
                    result.describe(),
                    endpoint,
                    result.location().map(Quote::of).orElse("nowhere"),
                    count);
        } else {
            log.error(
                    "PostHog answered {} at {}: dropped {} order event(s) as REJECTED (check POSTHOG_HOST)",
                    result.describe(),
                    endpoint,
                    count);
        }
    }
}
