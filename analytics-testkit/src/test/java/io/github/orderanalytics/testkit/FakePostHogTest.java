package io.github.orderanalytics.testkit;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake itself, driven by a plain HTTP client so that its behaviour does not depend on ours. */
class FakePostHogTest {
    private static final String BATCH =
            "{\"api_key\":\"phc_x\",\"batch\":[{\"event\":\"order_placed\",\"distinct_id\":\"cus_1\","
                    + "\"uuid\":\"74afcb3d-a4f2-5d4a-a1f8-c72c2ad401c5\",\"timestamp\":\"2026-11-27T10:15:30Z\","
                    + "\"properties\":{\"order_id\":\"ord_1001\",\"total\":49.90,\"currency\":\"EUR\"}}],\"sent_at\":\"2026-11-27T10:15:31Z\"}";

    private final FakePostHog posthog = FakePostHog.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        posthog.close();
    }

    private HttpResponse<String> post(String path, byte[] body, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(posthog.host() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            b.header("Content-Encoding", "gzip");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsGzippedBatchesWithExactAmounts() throws Exception {
        HttpResponse<String> response = post("/batch/", Gzip.of(BATCH), true);

        assertThat(response.statusCode()).isEqualTo(200);
        CapturedRequest request = posthog.requests().get(0);
        assertThat(request.gzipped()).isTrue();
        assertThat(request.apiKey()).isEqualTo("phc_x");
        assertThat(request.body()).isEqualTo(BATCH);
        assertThat(posthog)
                .receivedEventCount(1)
                .receivedOrder("ord_1001")
                .hasDistinctId("cus_1")
                .hasTotal("49.90", "EUR");
        assertThat(FakePostHog.prettyJson(posthog.events().get(0))).contains("\"total\" : 49.90");
    }

    @Test
    void answersFromTheScriptThenTheDefault() throws Exception {
        posthog.enqueue(FakeResponse.status(503), FakeResponse.status(429).retryAfter("3"));
        byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);

        assertThat(post("/batch/", body, false).statusCode()).isEqualTo(503);
        HttpResponse<String> limited = post("/batch/", body, false);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("3");
        assertThat(post("/batch/", body, false).statusCode()).isEqualTo(200);
        assertThat(posthog.requests()).hasSize(3);
        assertThat(posthog.events()).as("only the acknowledged request counts").hasSize(1);
    }

    @Test
    void refusesBadBatchesAndUnknownPathsAsPostHogWould() throws Exception {
        assertThat(post("/batch/", "not json".getBytes(StandardCharsets.UTF_8), false)
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/capture/", BATCH.getBytes(StandardCharsets.UTF_8), false)
                        .statusCode())
                .isEqualTo(404);
        posthog.rejectEventsWhere(e -> e.distinctId().equals("cus_1"));
        assertThat(post("/batch/", BATCH.getBytes(StandardCharsets.UTF_8), false)
                        .statusCode())
                .isEqualTo(400);
        assertThat(posthog.events()).isEmpty();
    }

    @Test
    void canDropTheConnectionAndRefuseConnections() throws Exception {
        posthog.enqueue(FakeResponse.disconnect());
        byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> post("/batch/", body, false)).isInstanceOf(IOException.class);
        posthog.refuseConnections();
        assertThatThrownBy(() -> post("/batch/", body, false)).isInstanceOf(ConnectException.class);
        posthog.acceptConnections();
        assertThat(post("/batch/", body, false).statusCode()).isEqualTo(200);
    }

    @Test
    void awaitFailsWithWhatArrived() {
        assertThatThrownBy(() -> posthog.awaitEvents(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(
                        "expected at least 1 delivered event(s) within PT0.05S but FakePostHog received 0");
    }

    /** The test batch with one field of its one event replaced. */
    private static String batchWith(String field, String value) {
        return BATCH.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + value + "\"");
    }

    @Test
    void aBatchWithoutAnApiKeyIsRefusedAsPostHogDoes() throws Exception {
        HttpResponse<String> response =
                post("/batch/", BATCH.replace("\"api_key\":\"phc_x\",", "").getBytes(StandardCharsets.UTF_8), false);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(posthog.events()).isEmpty();
    }

    @Test
    void aRequestOfTwentyMegabytesIsRefused() throws Exception {
        String padded = BATCH.replace(
                "\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"pad\":\"" + "x".repeat(20_000_000) + "\"");

        HttpResponse<String> response = post("/batch/", Gzip.of(padded), true);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void anIllegalDistinctIdIsAViolationNotAnEvent() throws Exception {
        post("/batch/", batchWith("distinct_id", "null").getBytes(StandardCharsets.UTF_8), false);

        assertThat(posthog.events()).isEmpty();
        assertThat(posthog.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.rule())
                        .isEqualTo("distinct_id 'null' is one PostHog refuses (a placeholder, not a person): dropped"));
        assertThatThrownBy(() -> assertThat(posthog).receivedOnly("ord_1001"))
                .hasMessageContaining("Expected every event to pass PostHog's capture rules, but 1 did not")
                .hasMessageContaining("distinct_id 'null' is one PostHog refuses");
    }

    @Test
    void anOverLongDistinctIdIsAViolation() throws Exception {
        post("/batch/", batchWith("distinct_id", "c".repeat(201)).getBytes(StandardCharsets.UTF_8), false);

        assertThat(posthog.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("distinct_id is 201 characters, over 200: dropped"));
    }

    @Test
    void aTimestampMoreThan23HoursAheadIsAViolation() throws Exception {
        String now = java.time.Instant.now().toString();
        String batch = batchWith(
                        "timestamp",
                        java.time.Instant.now().plus(Duration.ofHours(30)).toString())
                .replace("\"sent_at\":\"2026-11-27T10:15:31Z\"", "\"sent_at\":\"" + now + "\"");

        post("/batch/", batch.getBytes(StandardCharsets.UTF_8), false);

        assertThat(posthog.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("is more than 23 hours ahead"));
    }

    @Test
    void anEventOverOneMegabyteIsAViolation() throws Exception {
        String large =
                BATCH.replace("\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"pad\":\"" + "x".repeat(1_000_001) + "\"");

        HttpResponse<String> response = post("/batch/", Gzip.of(large), true);

        assertThat(response.statusCode())
                .as("PostHog takes the batch and drops the event later")
                .isEqualTo(200);
        assertThat(posthog.events()).isEmpty();
        assertThat(posthog.violations())
                .singleElement()
                .satisfies(v ->
                        assertThat(v.rule()).isEqualTo("the event is 1000205 bytes, over PostHog's 1 MB: dropped"));
    }
}
