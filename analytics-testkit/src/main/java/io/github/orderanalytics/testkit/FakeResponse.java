package io.github.orderanalytics.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
    /** How the body goes out: whole, or a fault after the headers. */
    enum BodyMode {
        WHOLE,
        STALLS,
        ENDLESS,
        /** No answer at all, after the events were taken. */
        LOST
    }

    private final int status;
    private final Duration delay;
    private final @Nullable String retryAfter;
    private final String body;
    private final @Nullable String location;
    private final BodyMode bodyMode;

    private FakeResponse(
            int status,
            Duration delay,
            @Nullable String retryAfter,
            String body,
            @Nullable String location,
            BodyMode bodyMode) {
        this.status = status;
        this.delay = delay;
        this.retryAfter = retryAfter;
        this.body = body;
        this.location = location;
        this.bodyMode = bodyMode;
    }

    /** {@code 200 {"status": 1}}, as PostHog answers a good batch. */
    public static FakeResponse ok() {
        return status(200);
    }

    public static FakeResponse status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code, was " + status);
        }
        return new FakeResponse(
                status,
                Duration.ZERO,
                null,
                status < 300 ? "{\"status\":1}" : "{\"error\":\"fake\"}",
                null,
                BodyMode.WHOLE);
    }

    /** A redirect ({@code 301}, {@code 302}, {@code 307}, {@code 308}) to {@code location}. */
    public static FakeResponse redirect(int status, String location) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("status must be a 3xx redirect, was " + status);
        }
        return new FakeResponse(
                status, Duration.ZERO, null, "", Objects.requireNonNull(location, "location == null"), BodyMode.WHOLE);
    }

    /**
     * This status and its headers, then a body that never comes: the connection stays open, silent,
     * for {@code stall} (a hung proxy, say).
     */
    public FakeResponse thenBodyStalls(Duration stall) {
        return new FakeResponse(
                status, Objects.requireNonNull(stall, "stall == null"), retryAfter, body, location, BodyMode.STALLS);
    }

    /** This status and its headers, then a body that streams without end (up to 256 MiB, or until the client goes). */
    public FakeResponse thenEndlessBody() {
        return new FakeResponse(status, delay, retryAfter, body, location, BodyMode.ENDLESS);
    }

    /** Closes the connection without answering: the client sees an I/O error. */
    public static FakeResponse disconnect() {
        return new FakeResponse(0, Duration.ZERO, null, "", null, BodyMode.WHOLE);
    }

    /**
     * Takes the events, as a {@code 200} would, then closes the connection without answering: the
     * client sees an I/O error and sends them again. The one way PostHog gets an event twice; its
     * uuid makes PostHog count it once.
     */
    public static FakeResponse acceptedThenDisconnect() {
        return new FakeResponse(200, Duration.ZERO, null, "", null, BodyMode.LOST);
    }

    /** This answer, given only after {@code delay}: longer than the client's timeout makes a hung server. */
    public FakeResponse delayedBy(Duration delay) {
        return new FakeResponse(
                status, Objects.requireNonNull(delay, "delay == null"), retryAfter, body, location, bodyMode);
    }

    /** This answer with a {@code Retry-After} header: seconds ({@code "2"}) or an HTTP date. */
    public FakeResponse retryAfter(String value) {
        return new FakeResponse(
                status, delay, Objects.requireNonNull(value, "value == null"), body, location, bodyMode);
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

    Optional<String> location() {
        return Optional.ofNullable(location);
    }

    BodyMode bodyMode() {
        return bodyMode;
    }

    @Override
    public String toString() {
        return (isDisconnect() ? "disconnect" : "HTTP " + status)
                + (delay.isZero() ? "" : " after " + delay)
                + (retryAfter == null ? "" : ", Retry-After " + retryAfter)
                + (location == null ? "" : ", Location " + location)
                + (bodyMode == BodyMode.LOST ? ", then disconnect" : "")
                + (bodyMode == BodyMode.WHOLE || bodyMode == BodyMode.LOST
                        ? ""
                        : ", body " + bodyMode.name().toLowerCase(java.util.Locale.ROOT));
    }
}
