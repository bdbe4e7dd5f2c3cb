package io.github.orderanalytics.posthog.reconcile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.orderanalytics.posthog.QuerySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs HogQL queries against PostHog's query API with a personal key: a 429 waits ({@code Retry-After}
 * when given) and tries again, a 5xx or a network error tries again a few times, both within a budget;
 * 401, 403, 404 and 400 become a {@link PostHogQueryException} that says which setting to fix.
 */
final class QueryClient {
    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");
    private static final JsonFactory JSON = new JsonFactory();

    /** How many times a rate limit is waited out before the check gives up. */
    static final int RATE_LIMIT_WAITS = 8;
    /** How many times a server error or a broken connection is tried again. */
    static final int FAILURE_RETRIES = 3;
    /** The longest single wait, whatever {@code Retry-After} asks. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    /** PostHog stops a personal key's query after 10 s; the answer may take a little longer to come. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A page of rows: each cell the JSON value's text (numbers as written), or null. */
    record Result(List<String[]> rows, boolean hasMore) {}

    /** Waits between tries; tests need not wait for real. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final QuerySettings settings;
    private final HttpClient http;
    private final URI endpoint;
    private final Sleeper sleeper;

    QueryClient(QuerySettings settings, HttpClient http, Sleeper sleeper) {
        this.settings = settings;
        this.http = http;
        this.endpoint = URI.create(
                settings.appHost() + "/api/projects/" + settings.projectId().orElseThrow() + "/query/");
        this.sleeper = sleeper;
    }

    Result query(String hogql, Map<String, String> values) throws InterruptedException {
        byte[] body = body(hogql, values);
        int rateLimited = 0;
        int failures = 0;
        while (true) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(endpoint)
                                .timeout(REQUEST_TIMEOUT)
                                .header(
                                        "Authorization",
                                        "Bearer " + settings.personalApiKey().orElseThrow())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (++failures > FAILURE_RETRIES) {
                    throw new PostHogQueryException(
                            "PostHog's query API at " + settings.appHost() + " could not be reached (" + e
                                    + "): check appHost (POSTHOG_APP_HOST)",
                            0,
                            e);
                }
                sleeper.sleep(Duration.ofSeconds(1L << failures));
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body());
            }
            if (status == 429 && ++rateLimited <= RATE_LIMIT_WAITS) {
                Duration wait = retryAfter(response).orElse(Duration.ofSeconds(1L << Math.min(rateLimited, 5)));
                log.debug("PostHog's query API is rate limiting; waiting {} ms", wait.toMillis());
                sleeper.sleep(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
                continue;
            }
            if (status >= 500 && ++failures <= FAILURE_RETRIES) {
                sleeper.sleep(Duration.ofSeconds(1L << failures));
                continue;
            }
            throw refused(status, response.body());
        }
    }

    private PostHogQueryException refused(int status, byte[] body) {
        String message = switch (status) {
            case 401 ->
                "PostHog refused the personal API key (HTTP 401): check personalApiKey"
                        + " (POSTHOG_PERSONAL_API_KEY), a personal API key (phx_...) of a member of the project";
            case 403 ->
                "PostHog refused the query (HTTP 403): the personal API key (POSTHOG_PERSONAL_API_KEY)"
                        + " lacks the scope query:read, or projectId (POSTHOG_PROJECT_ID) "
                        + settings.projectId().orElse("") + " is a project it cannot read";
            case 404 ->
                "PostHog has no project " + settings.projectId().orElse("") + " at " + settings.appHost()
                        + " (HTTP 404): check projectId (POSTHOG_PROJECT_ID) and appHost (POSTHOG_APP_HOST)";
            case 400 -> "PostHog refused the query (HTTP 400): " + detail(body);
            case 429 ->
                "PostHog's query API kept rate limiting after " + RATE_LIMIT_WAITS
                        + " waits (240 queries a minute, 2,400 an hour per personal key): run the check later";
            default ->
                "PostHog's query API answered HTTP " + status + " at " + settings.appHost()
                        + ": check appHost (POSTHOG_APP_HOST)";
        };
        return new PostHogQueryException(message, status, null);
    }

    /** PostHog's {@code detail}, short: it explains a refused query, and holds no key. */
    private static String detail(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("detail") && p.currentToken() == JsonToken.VALUE_STRING) {
                        String d = p.getText();
                        return d.length() <= 300 ? d : d.substring(0, 300) + "...";
                    }
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: say so below
        }
        return "(no detail)";
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static byte[] body(String hogql, Map<String, String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("query");
            g.writeStringField("kind", "HogQLQuery");
            g.writeStringField("query", hogql);
            g.writeObjectFieldStart("values");
            for (Map.Entry<String, String> v : values.entrySet()) {
                g.writeStringField(v.getKey(), v.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringField("refresh", "blocking");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The rows under {@code results} and the flag {@code hasMore}; the rest of the answer is skipped. */
    static Result parse(byte[] body) {
        List<String[]> rows = new ArrayList<>();
        boolean hasMore = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new PostHogQueryException(
                        "PostHog's query API answered something other than a JSON object", 200, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("results") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        List<String> row = new ArrayList<>(8);
                        JsonToken cell;
                        while ((cell = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (cell == JsonToken.START_ARRAY || cell == JsonToken.START_OBJECT) {
                                p.skipChildren();
                                row.add(null);
                            } else {
                                row.add(cell == JsonToken.VALUE_NULL ? null : p.getText());
                            }
                        }
                        rows.add(row.toArray(String[]::new));
                    }
                } else if (name.equals("hasMore")) {
                    hasMore = value == JsonToken.VALUE_TRUE;
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new PostHogQueryException(
                    "PostHog's query API answered JSON that could not be read: " + e.getMessage(), 200, e);
        }
        return new Result(rows, hasMore);
    }
}
