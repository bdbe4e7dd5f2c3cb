package io.github.orderanalytics.posthog.reconcile;

import io.github.orderanalytics.posthog.BatchSettings;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that PostHog stored every order event the shop's records say was reported, and sends what it
 * lost again with the same uuid: PostHog answers {@code 200} to capture even while it drops events (a
 * project over its billing limit), so only its query API can tell. Run over a past period, the same is a
 * backfill that never counts twice.
 *
 * <pre>{@code
 * PostHogReconciler reconciler = PostHogReconciler.create(client);   // needs personalApiKey and projectId
 * Reconciliation result = reconciler.check(from, to, expectedOrderEvents);
 * if (!result.isComplete()) {
 *     Repair repair = reconciler.repair(result);                      // result.missing(), nothing else
 * }
 * }</pre>
 *
 * <p>A check compares by uuid (derived from the order, refund and cancellation ids, so known without
 * asking PostHog): the event name, {@code distinct_id}, {@code total}, {@code revenue} and {@code
 * currency}, money as exact decimals. Stored copies of one uuid count once. It judges events up to {@link
 * Builder#settle settle} before now (PostHog may need that long to make an event queryable) and says
 * where it stopped. Its queries follow PostHog's rules for personal keys: keyset pages on {@code
 * (timestamp, uuid)}, no {@code OFFSET}, times in UTC stated in the query, values as placeholders; a
 * query a minute per 10,000 events a page, well within 240 a minute. A query PostHog refuses fails
 * the check with a {@link PostHogQueryException} naming the setting to fix: a failed check never
 * reports everything missing, and never sends. Thread-safe.
 *
 * @since 0.1.0
 */
public final class PostHogReconciler {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    /** How long after its time an event is first judged: PostHog may need that long to make it queryable. */
    public static final Duration DEFAULT_SETTLE = Duration.ofHours(1);
    /** How much of a long period {@link #check(Instant, Instant, ExpectedOrderEvents)} reads at a time. */
    public static final Duration DEFAULT_SLICE = Duration.ofDays(1);
    /** Stored events per query: well under PostHog's silent cut at 50,000 rows. */
    public static final int DEFAULT_PAGE_SIZE = 10_000;

    private final PostHogOrderAnalytics client;
    private final PostHogEventMapper mapper;
    private final QueryClient queries;
    private final Duration settle;
    private final Duration slice;
    private final int pageSize;
    private final Clock clock;

    private PostHogReconciler(Builder b) {
        this.client = b.client;
        this.mapper = PostHogEventMapper.create(b.client.config());
        PostHogConfig config = b.client.config();
        HttpClient http = config.httpClient()
                .orElseGet(() -> HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
        this.queries = new QueryClient(config.query(), http, b.sleeper);
        this.settle = b.settle;
        this.slice = b.slice;
        this.pageSize = b.pageSize;
        this.clock = b.clock;
    }

    /**
     * A reconciler with {@code client}'s configuration (its {@link PostHogConfig#query()} settings) that
     * repairs through {@code client}.
     *
     * @throws IllegalStateException if the client's configuration lacks personalApiKey or projectId
     */
    public static PostHogReconciler create(PostHogOrderAnalytics client) {
        return builder(client).build();
    }

    /** A builder for a reconciler over {@code client}, to change the settle time, slice or page size. */
    public static Builder builder(PostHogOrderAnalytics client) {
        return new Builder(client);
    }

    /**
     * Checks the period {@code [from, to)} against {@code expected}, the shop's order events of that
     * period, held in memory at once; see {@link #check(Instant, Instant, ExpectedOrderEvents)} for a
     * long period. Reads only.
     *
     * @throws PostHogQueryException if PostHog refuses a query or stays unreachable: nothing is judged
     * @throws InterruptedException if interrupted while waiting for PostHog
     */
    public Reconciliation check(Instant from, Instant to, Iterable<ExpectedEvent> expected)
            throws InterruptedException {
        Objects.requireNonNull(expected, "expected == null");
        Instant until = judgedUntil(from, to);
        Tally tally = new Tally();
        if (from.isBefore(until)) {
            checkSlice(from, until, expected::forEach, tally);
        } else {
            expected.forEach(e -> tally.notJudged++);
        }
        Reconciliation result = tally.result(from, until);
        log.info("order-analytics reconciliation: {}", result);
        return result;
    }

    /**
     * Checks the period {@code [from, to)} slice by slice ({@link Builder#slice}, a day by default),
     * asking {@code expected} for each slice's events: memory follows the busiest slice, not the
     * period, so a year of a large shop is checked in the memory of a day. Reads only.
     *
     * @throws PostHogQueryException if PostHog refuses a query or stays unreachable: nothing is judged
     * @throws InterruptedException if interrupted while waiting for PostHog
     */
    public Reconciliation check(Instant from, Instant to, ExpectedOrderEvents expected) throws InterruptedException {
        Objects.requireNonNull(expected, "expected == null");
        Instant until = judgedUntil(from, to);
        Tally tally = new Tally();
        Instant start = from;
        while (start.isBefore(until)) {
            Instant sliceStart = start;
            Instant sliceEnd = start.plus(slice).isBefore(until) ? start.plus(slice) : until;
            checkSlice(
                    sliceStart,
                    sliceEnd,
                    each -> {
                        try (Stream<ExpectedEvent> events = expected.between(sliceStart, sliceEnd)) {
                            events.forEach(each);
                        }
                    },
                    tally);
            start = sliceEnd;
        }
        Reconciliation result = tally.result(from, until);
        log.info("order-analytics reconciliation: {}", result);
        return result;
    }

    /**
     * Sends {@code result}'s missing events again, and nothing else, through the client's wire path:
     * the same uuids, so PostHog counts each once even if an earlier copy turns up; those over 48 hours
     * old as {@code historical_migration}, whatever the client's setting. Waits for PostHog's answers.
     * A check after the settle time then finds them.
     *
     * @throws InterruptedException if interrupted while a request is under way
     */
    public Repair repair(Reconciliation result) throws InterruptedException {
        Objects.requireNonNull(result, "result == null");
        Instant historical = clock.instant().minus(BatchSettings.HISTORICAL_AGE);
        List<EncodedEvent> old = new ArrayList<>();
        List<EncodedEvent> recent = new ArrayList<>();
        for (ExpectedEvent missing : result.missing()) {
            EncodedEvent event = mapper.encode(missing.event(), missing.identity());
            (event.timestamp().isBefore(historical) ? old : recent).add(event);
        }
        int resent = 0;
        int refused = 0;
        for (List<EncodedEvent> group :
                List.of(old, recent)) { // apart: a request is historical only if all its events are old
            for (EncodedEvent.Outcome outcome : client.backfill(group)) {
                switch (outcome.result()) {
                    case DELIVERED -> resent++;
                    case REJECTED -> refused++;
                    case RETRY, API_KEY_REFUSED -> {} // still missing: the next check finds it again
                }
            }
        }
        Repair repair = new Repair(resent, refused);
        log.info(
                "order-analytics reconciliation repaired {} to {}: {} missing, {} resent, {} refused",
                result.from(),
                result.judgedUntil(),
                result.missing().size(),
                resent,
                refused);
        return repair;
    }

    private Instant judgedUntil(Instant from, Instant to) {
        Objects.requireNonNull(from, "from == null");
        Objects.requireNonNull(to, "to == null");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, was " + from + " and " + to);
        }
        Instant settled = clock.instant().minus(settle);
        Instant until = to.isBefore(settled) ? to : settled;
        return until.isBefore(from) ? from : until;
    }

    /**
     * One slice: the expected events into a compact table, the stored ones paged through once, and the
     * expected ones read a second time only if something is missing or a person differs.
     */
    private void checkSlice(Instant from, Instant to, Consumer<Consumer<ExpectedEvent>> expected, Tally tally)
            throws InterruptedException {
        SliceComparison slice = new SliceComparison(mapper);
        expected.accept(e -> {
            Instant t = e.event().occurredAt();
            if (t.isBefore(from) || !t.isBefore(to)) {
                tally.notJudged++;
            } else {
                slice.expect(e);
            }
        });
        String text = StoredEventsQuery.text(pageSize);
        String afterTime = StoredEventsQuery.before(from);
        String afterUuid = StoredEventsQuery.FIRST_UUID;
        while (true) {
            QueryClient.Result page = queries.query(text, StoredEventsQuery.values(from, to, afterTime, afterUuid));
            List<String[]> rows = page.rows();
            int n = rows.size();
            // One row more than the page says there is another; so does a page PostHog cut.
            boolean more = n > pageSize || n == StoredEventsQuery.SERVER_ROW_CAP || page.hasMore();
            int use = Math.min(n, pageSize);
            for (int i = 0; i < use; i++) {
                slice.stored(rows.get(i));
            }
            if (!more || use == 0) {
                break;
            }
            String[] last = rows.get(use - 1);
            afterTime = last[StoredEventsQuery.TIMESTAMP];
            afterUuid = last[StoredEventsQuery.UUID];
        }
        if (slice.needsSecondPass()) {
            expected.accept(e -> {
                Instant t = e.event().occurredAt();
                if (!t.isBefore(from) && t.isBefore(to)) {
                    slice.again(e, tally);
                }
            });
        }
        slice.finish(tally);
    }

    /** Settings of a {@link PostHogReconciler}. */
    public static final class Builder {
        private final PostHogOrderAnalytics client;
        private Duration settle = DEFAULT_SETTLE;
        private Duration slice = DEFAULT_SLICE;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Clock clock = Clock.systemUTC();
        private QueryClient.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder(PostHogOrderAnalytics client) {
            this.client = Objects.requireNonNull(client, "client == null");
        }

        /** Events later than now less this are not judged yet; default one hour. */
        public Builder settle(Duration settle) {
            this.settle = Objects.requireNonNull(settle, "settle == null");
            return this;
        }

        /** How much of a long period is read at a time (memory follows it); default one day, at least a minute. */
        public Builder slice(Duration slice) {
            this.slice = Objects.requireNonNull(slice, "slice == null");
            return this;
        }

        /**
         * Stored events per query, 1 to 100,000; default 10,000. Above 49,999 PostHog cuts the answer
         * at 50,000 rows; the reconciler sees the cut and goes on from the last row.
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        Builder sleeper(QueryClient.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        /**
         * Checks the settings and builds the reconciler.
         *
         * @throws IllegalArgumentException naming the setting, if {@code settle} is negative, {@code slice}
         *     shorter than a minute or {@code pageSize} outside 1 to 100,000
         * @throws IllegalStateException if the client's configuration lacks personalApiKey or projectId
         */
        public PostHogReconciler build() {
            if (settle.isNegative()) {
                throw new IllegalArgumentException("settle must not be negative, was " + settle);
            }
            if (slice.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("slice must be at least a minute, was " + slice);
            }
            if (pageSize < 1 || pageSize > 100_000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 100000, was " + pageSize);
            }
            if (!client.config().query().isConfigured()) {
                throw new IllegalStateException("reconciliation reads PostHog with a personal API key: set"
                        + " personalApiKey (POSTHOG_PERSONAL_API_KEY, a key with the scope query:read) and projectId"
                        + " (POSTHOG_PROJECT_ID) on the client's configuration");
            }
            return new PostHogReconciler(this);
        }
    }
}
