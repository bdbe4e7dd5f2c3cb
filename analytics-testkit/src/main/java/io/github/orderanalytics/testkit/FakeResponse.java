package io.github.orderanalytics.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link FakePostHog} answers one request: a status, optionally after a delay and with a
 * {@code Retry-After}, or by closing the connection without an answer.
 *
 * <pre>{@code
 * posthog.enqueue(FakeResponse.status(503), FakeResponse.status(429).retryAfter("1"), FakeResponse.disconnect());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FakeResponse {
    private final int status;
    private final Duration delay;
    private final String retryAfter;
    private final String body;

    private FakeResponse(int status, Duration delay, String retryAfter, String body) {
        this.status = status;
        this.delay = delay;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    /** {@code 200 {"status": 1}}, as PostHog answers a good batch. */
    public static FakeResponse ok() {
        return status(200);
    }

    public static FakeResponse status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code, was " + status);
        }
        return new FakeResponse(status, Duration.ZERO, null, status < 300 ? "{\"status\":1}" : "{\"error\":\"fake\"}");
    }

    /** Closes the connection without answering: the client sees an I/O error. */
    public static FakeResponse disconnect() {
        return new FakeResponse(0, Duration.ZERO, null, "");
    }

    /** This answer, given only after {@code delay}: longer than the client's timeout makes a hung server. */
    public FakeResponse delayedBy(Duration delay) {
        return new FakeResponse(status, Objects.requireNonNull(delay, "delay == null"), retryAfter, body);
    }

    /** This answer with a {@code Retry-After} header: seconds ({@code "2"}) or an HTTP date. */
    public FakeResponse retryAfter(String value) {
        return new FakeResponse(status, delay, Objects.requireNonNull(value, "value == null"), body);
    }

    public int status() {
        return status;
    }

    public boolean isDisconnect() {
        return status == 0;
    }

    public Duration delay() {
        return delay;
    }

    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    String body() {
        return body;
    }

    @Override
    public String toString() {
        return (isDisconnect() ? "disconnect" : "HTTP " + status)
                + (delay.isZero() ? "" : " after " + delay)
                + (retryAfter == null ? "" : ", Retry-After " + retryAfter);
    }
}
