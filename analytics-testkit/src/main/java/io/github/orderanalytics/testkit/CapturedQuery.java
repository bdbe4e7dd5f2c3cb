package io.github.orderanalytics.testkit;

import java.util.Map;
import java.util.Objects;

/**
 * A HogQL query {@link FakePostHog} received on its query API, and how it answered.
 *
 * @param text the query text
 * @param values the placeholders' values
 * @param status the HTTP status of the answer
 * @since 0.1.0
 */
public record CapturedQuery(String text, Map<String, String> values, int status) {
    public CapturedQuery {
        Objects.requireNonNull(text, "text == null");
        values = Map.copyOf(values);
    }
}
