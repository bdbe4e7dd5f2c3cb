package io.github.orderanalytics.benchmarks;

import com.posthog.java.PostHog;
import com.posthog.java.PostHogLogger;
import com.posthog.server.PostHogCaptureOptions;
import com.posthog.server.PostHogConfig;
import com.posthog.server.PostHogInterface;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.time.Duration;

/** One of the three clients, sending the {@link Workload} order number {@code i}. */
public interface Client extends AutoCloseable {
    /** Builds what the client's users build for the order, and hands it over. */
    void send(int i);

    /** Hands over payload {@code i % PREPARED}, built in advance: the cost of the call alone. */
    void sendPrepared(int i);

    /** How many payloads each client builds in advance for {@link #sendPrepared}. */
    int PREPARED = 1024;

    /** Sends what waits, as far as the client can; waits for it where the client can. */
    void flush();

    @Override
    void close();

    enum Kind {
        ORDER_ANALYTICS("order-analytics"),
        /** Ours reporting a refund of the same size as the order: the caller's cost of another kind. */
        ORDER_ANALYTICS_REFUNDS("order-analytics, orderRefunded"),
        /** Ours with a shop's mix: of every 20 events, 16 orders placed, 3 refunds, 1 cancellation. */
        ORDER_ANALYTICS_MIXED("order-analytics, 80/15/5 placed/refunded/cancelled"),
        /** Ours with the guest's browser context (distinct id and session) attached to every order. */
        ORDER_ANALYTICS_BROWSER("order-analytics, with a browser context"),
        POSTHOG_JAVA("posthog-java 1.2.0"),
        /** The speed ceiling every client is compared with: {@link FloorClient}. */
        FLOOR("floor client (a ceiling, not a product)"),
        POSTHOG_SERVER("posthog-server 2.3.3");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static Client create(Kind kind, String host, boolean tuned) {
        switch (kind) {
            case ORDER_ANALYTICS:
                return new Ours(host, tuned, Ours.Mix.PLACED);
            case ORDER_ANALYTICS_REFUNDS:
                return new Ours(host, tuned, Ours.Mix.REFUNDED);
            case ORDER_ANALYTICS_MIXED:
                return new Ours(host, tuned, Ours.Mix.SHOP);
            case ORDER_ANALYTICS_BROWSER:
                return new Ours(host, tuned, Ours.Mix.BROWSER);
            case POSTHOG_JAVA:
                return new PostHogJava(host);
            case FLOOR:
                return new FloorClient(host);
            default:
                return new PostHogServer(host, tuned);
        }
    }

    /** What "tuned" means for each client, for the report. */
    static String tuning(Kind kind) {
        switch (kind) {
            case ORDER_ANALYTICS:
            case ORDER_ANALYTICS_REFUNDS:
            case ORDER_ANALYTICS_MIXED:
            case ORDER_ANALYTICS_BROWSER:
                return "flushAt 500, maxBatchSize 500, maxQueueSize 600000, maxQueueBytes 4 GiB, gzip on";
            case POSTHOG_JAVA:
                return "none available (the builder takes only host and logger)";
            case FLOOR:
                return "batches of 500, gzip level 1, 2 requests in flight, unbounded";
            default:
                return "flushAt 500, maxBatchSize 1000, maxQueueSize 600000, flushIntervalSeconds 1";
        }
    }

    final class Ours implements Client {
        /** Which kinds of event {@link #send} reports. */
        enum Mix {
            PLACED,
            REFUNDED,
            SHOP,
            BROWSER
        }

        final PostHogOrderAnalytics analytics;
        private final Mix mix;

        Ours(String host, boolean tuned, Mix mix) {
            this.mix = mix;
            io.github.orderanalytics.posthog.PostHogConfigBuilder config =
                    io.github.orderanalytics.posthog.PostHogConfig.builder()
                            .apiKey("phc_bench")
                            .host(host);
            if (tuned) { // as issue 20 measures it: the floor's batches, gzip on, a queue no run fills
                config.flushAt(500).maxBatchSize(500).maxQueueSize(600_000).maxQueueBytes(4L << 30);
            }
            this.analytics = PostHogOrderAnalytics.create(config.build());
            for (int i = 0; i < PREPARED; i++) {
                orders[i] = Workload.order(i);
                refunded[i] = Workload.refund(i);
                identities[i] = mix == Mix.BROWSER ? Workload.browserIdentity(i) : Workload.identity(i);
            }
        }

        private final io.github.orderanalytics.Order[] orders = new io.github.orderanalytics.Order[PREPARED];
        private final io.github.orderanalytics.Refund[] refunded = new io.github.orderanalytics.Refund[PREPARED];
        private final io.github.orderanalytics.Identity[] identities = new io.github.orderanalytics.Identity[PREPARED];

        @Override
        public void send(int i) {
            int slot = mix == Mix.PLACED ? 0 : mix == Mix.REFUNDED ? 16 : i % 20;
            if (mix == Mix.BROWSER) {
                analytics.orderPlaced(Workload.order(i), Workload.browserIdentity(i));
            } else if (slot < 16) {
                analytics.orderPlaced(Workload.order(i), Workload.identity(i));
            } else if (slot < 19) {
                analytics.orderRefunded(Workload.refund(i), Workload.identity(i));
            } else {
                analytics.orderCancelled(Workload.cancellation(i), Workload.identity(i));
            }
        }

        @Override
        public void sendPrepared(int i) {
            if (mix == Mix.REFUNDED) {
                analytics.orderRefunded(refunded[i & (PREPARED - 1)], identities[i & (PREPARED - 1)]);
            } else {
                analytics.orderPlaced(orders[i & (PREPARED - 1)], identities[i & (PREPARED - 1)]);
            }
        }

        @Override
        public void flush() {
            analytics.flush(Duration.ofSeconds(30));
        }

        @Override
        public void close() {
            analytics.close();
        }
    }

    final class PostHogJava implements Client {
        final PostHog posthog;

        PostHogJava(String host) {
            this.posthog = new PostHog.Builder("phc_bench")
                    .host(host)
                    .logger(new QuietLogger())
                    .build();
            for (int i = 0; i < PREPARED; i++) {
                distinctIds[i] = Workload.guestDistinctId(i);
                properties[i] = Workload.properties(i);
            }
        }

        private final String[] distinctIds = new String[PREPARED];

        @SuppressWarnings("unchecked")
        private final java.util.Map<String, Object>[] properties = new java.util.Map[PREPARED];

        @Override
        public void send(int i) {
            posthog.capture(Workload.guestDistinctId(i), "order_placed", Workload.properties(i));
        }

        @Override
        public void sendPrepared(int i) {
            posthog.capture(distinctIds[i & (PREPARED - 1)], "order_placed", properties[i & (PREPARED - 1)]);
        }

        @Override
        public void flush() {
            // No flush in this SDK: its thread sends the whole queue in one request as soon as it can.
        }

        @Override
        public void close() {
            posthog.shutdown();
        }
    }

    final class PostHogServer implements Client {
        final PostHogInterface posthog;

        PostHogServer(String host, boolean tuned) {
            PostHogConfig.Builder config = PostHogConfig.Companion.builder("phc_bench")
                    .host(host)
                    .preloadFeatureFlags(false)
                    .remoteConfig(false)
                    .sendFeatureFlagEvent(false);
            if (tuned) {
                config.flushAt(500).maxBatchSize(1000).maxQueueSize(600_000).flushIntervalSeconds(1);
            }
            this.posthog = com.posthog.server.PostHog.Companion.with(config.build());
            for (int i = 0; i < PREPARED; i++) {
                distinctIds[i] = Workload.guestDistinctId(i);
                options[i] = PostHogCaptureOptions.Companion.builder()
                        .properties(Workload.properties(i))
                        .timestamp(Workload.PLACED_AT)
                        .build();
            }
        }

        private final String[] distinctIds = new String[PREPARED];
        private final PostHogCaptureOptions[] options = new PostHogCaptureOptions[PREPARED];

        @Override
        public void send(int i) {
            posthog.capture(
                    Workload.guestDistinctId(i),
                    "order_placed",
                    PostHogCaptureOptions.Companion.builder()
                            .properties(Workload.properties(i))
                            .timestamp(Workload.PLACED_AT)
                            .build());
        }

        @Override
        public void sendPrepared(int i) {
            posthog.capture(distinctIds[i & (PREPARED - 1)], "order_placed", options[i & (PREPARED - 1)]);
        }

        @Override
        public void flush() {
            posthog.flush();
        }

        @Override
        public void close() {
            posthog.close();
        }
    }

    /** posthog-java logs to standard output by default; a benchmark must not pay for that. */
    final class QuietLogger implements PostHogLogger {
        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public void error(String message, Throwable throwable) {}
    }
}
