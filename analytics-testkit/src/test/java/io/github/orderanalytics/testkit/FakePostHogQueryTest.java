package io.github.orderanalytics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FakePostHog's query API keeps PostHog's rules, over real HTTP. */
class FakePostHogQueryTest {
    private static final Instant PLACED = Instant.parse("2026-11-27T10:15:30.123456Z");

    private final FakePostHog posthog = FakePostHog.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stored() {
        try (PostHogOrderAnalytics client =
                PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            for (int i = 0; i < 120; i++) {
                client.orderPlaced(
                        Order.builder("ord_" + i, Money.of("40.00", "EUR"))
                                .placedAt(PLACED)
                                .build(),
                        Identity.customer("cus_" + i));
            }
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
        }
    }

    @AfterEach
    void close() {
        posthog.close();
    }

    private HttpResponse<String> query(String key, String project, String text, Map<String, String> values)
            throws Exception {
        String body = FakeWire.JSON.writeValueAsString(
                Map.of("query", Map.of("kind", "HogQLQuery", "query", text, "values", values)));
        return http.send(
                HttpRequest.newBuilder(URI.create(posthog.host() + "/api/projects/" + project + "/query/"))
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> query(String text, Map<String, String> values) throws Exception {
        return query(FakePostHog.PERSONAL_API_KEY, FakePostHog.PROJECT_ID, text, values);
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(HttpResponse<String> response) throws Exception {
        return (List<List<Object>>)
                FakeWire.JSON.readValue(response.body(), Map.class).get("results");
    }

    @Test
    void refusesOffsetFinalAWrongKeyAndAnotherProject() throws Exception {
        assertThat(query("SELECT uuid FROM events LIMIT 10 OFFSET 10", Map.of()).body())
                .contains("OFFSET is not supported on queries made with a personal API key");
        assertThat(query("SELECT uuid FROM events FINAL", Map.of()).statusCode())
                .isEqualTo(400);
        assertThat(query("phx_wrong", FakePostHog.PROJECT_ID, "SELECT uuid FROM events", Map.of())
                        .statusCode())
                .isEqualTo(401);
        assertThat(query(FakePostHog.PERSONAL_API_KEY, "2", "SELECT uuid FROM events", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(query("SELECT uuid FROM events WHERE event = {missing}", Map.of())
                        .body())
                .contains("Placeholder {missing} is not defined");
    }

    @Test
    void withoutALimitGivesAHundredRowsAndHasMoreAndNumbersComeBackAsFloats() throws Exception {
        HttpResponse<String> response = query("SELECT uuid, properties.total FROM events", Map.of());

        assertThat(rows(response))
                .hasSize(100)
                .allSatisfy(row -> assertThat(row.get(1)).hasToString("40.0"));
        assertThat(FakeWire.JSON.readValue(response.body(), Map.class).get("hasMore"))
                .isEqualTo(true);
    }

    /** A date-time without a zone is read in the project's zone, as PostHog reads it. */
    @Test
    void aNakedTimeIsReadInTheProjectsZone() throws Exception {
        posthog.projectTimeZone(ZoneId.of("Europe/Berlin")); // UTC+1 in November
        Map<String, String> values = Map.of("start", "2026-11-27 10:15:00", "end", "2026-11-27 10:16:00");

        HttpResponse<String> utc = query(
                "SELECT uuid FROM events WHERE timestamp >= toDateTime64({start}, 6, 'UTC')"
                        + " AND timestamp < toDateTime64({end}, 6, 'UTC') LIMIT 1000",
                values);
        HttpResponse<String> naked =
                query("SELECT uuid FROM events WHERE timestamp >= {start} AND timestamp < {end} LIMIT 1000", values);

        assertThat(rows(utc)).hasSize(120);
        assertThat(rows(naked)).as("10:15 in Berlin is 09:15 UTC").isEmpty();
    }

    @Test
    void aLimitAboveFiftyThousandIsCutWithoutAWord() throws Exception {
        HttpResponse<String> response = query("SELECT uuid FROM events LIMIT 60000", Map.of());

        Map<?, ?> answer = FakeWire.JSON.readValue(response.body(), Map.class);
        assertThat(answer.get("limit")).isEqualTo(50_000);
        assertThat(answer.get("hasMore")).isEqualTo(false);
        assertThat(posthog.queries()).extracting(CapturedQuery::status).containsExactly(200);
    }

    @Test
    void silentlyDroppedEventsAreAcknowledgedButNeitherStoredNorQueried() throws Exception {
        posthog.reset();
        posthog.dropSilently(e -> true);
        try (PostHogOrderAnalytics client =
                PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            client.orderPlaced(Order.builder("ord_x", Money.of("1.00", "EUR")).build(), Identity.customer("c"));
            assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(client.stats().delivered()).isEqualTo(1);
        }

        assertThat(posthog.requests()).hasSize(1);
        assertThat(posthog.events()).isEmpty();
        assertThat(rows(query("SELECT uuid FROM events", Map.of()))).isEmpty();
    }
}
