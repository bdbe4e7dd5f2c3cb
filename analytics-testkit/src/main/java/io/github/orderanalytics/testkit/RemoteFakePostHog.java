package io.github.orderanalytics.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FakePostHog} started elsewhere, read over HTTP: the one a Quarkus Dev Service started for
 * {@code @QuarkusTest}, which lives in Quarkus's build class loader where the test cannot reach the
 * object itself.
 *
 * <pre>{@code
 * @ConfigProperty(name = "order-analytics.posthog.host") String host;
 *
 * RemoteFakePostHog posthog = RemoteFakePostHog.at(host);
 * assertThat(posthog.awaitEvents(1, Duration.ofSeconds(5))).extracting(PostHogEvent::event).containsExactly("order_placed");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RemoteFakePostHog {
    private static final Duration POLL = Duration.ofMillis(20);

    private final URI events;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RemoteFakePostHog(URI events) {
        this.events = events;
    }

    /** The fake at {@code host}, as {@link FakePostHog#host()} says it: {@code http://127.0.0.1:PORT}. */
    public static RemoteFakePostHog at(String host) {
        Objects.requireNonNull(host, "host == null");
        return new RemoteFakePostHog(URI.create(host.replaceAll("/+$", "") + FakeEventsEndpoint.PATH));
    }

    /** As {@link FakePostHog#events()}: what PostHog would have stored, oldest first. */
    public List<PostHogEvent> events() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(events).GET());
        try {
            List<PostHogEvent> all = new ArrayList<>();
            for (JsonNode event : FakeWire.JSON.readTree(response.body())) {
                all.add(PostHogEvent.fromJson(event.toString()));
            }
            return List.copyOf(all);
        } catch (IOException e) {
            throw new UncheckedIOException(events + " answered no JSON array: " + response.body(), e);
        }
    }

    /**
     * Waits until at least {@code count} events were delivered and returns them all.
     *
     * @throws AssertionError listing what arrived, if fewer did within {@code timeout}
     */
    public List<PostHogEvent> awaitEvents(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PostHogEvent> seen = events();
        while (seen.size() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected at least " + count + " delivered event(s) within " + timeout
                        + " but FakePostHog at " + events + " received " + seen.size() + ": "
                        + Describe.postHogEvents(seen));
            }
            pause();
            seen = events();
        }
        return seen;
    }

    /** As {@link FakePostHog#reset()}. */
    public void reset() {
        send(HttpRequest.newBuilder(events).DELETE());
    }

    @Override
    public String toString() {
        return "RemoteFakePostHog{" + events + "}";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(events + " answered HTTP " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("FakePostHog at " + events + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking FakePostHog at " + events, e);
        }
    }

    /** Between two polls of a fake in another class loader: no signal reaches across, so it is asked again. */
    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for FakePostHog", e);
        }
    }
}
