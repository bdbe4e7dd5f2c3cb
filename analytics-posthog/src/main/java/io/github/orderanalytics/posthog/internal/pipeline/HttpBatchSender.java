package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.posthog.internal.wire.LibraryVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** {@link BatchSender} over the JDK's HTTP client, to {@code {host}/batch/}. */
final class HttpBatchSender implements BatchSender {
    /** The longest a log line waits for the rest of an error body; 2xx bodies are never waited for. */
    private static final Duration BODY_WAIT = Duration.ofMillis(500);

    private final Supplier<HttpClient> newClient;
    private final URI batchUri;
    private final Duration requestTimeout;
    private final String userAgent;

    private volatile @Nullable HttpClient http;

    /**
     * @param newClient makes the HTTP client on the first request, on a sender thread: building the
     *     JDK's client costs about 300 ms in a fresh JVM, which an application's start-up need not pay
     */
    public HttpBatchSender(Supplier<HttpClient> newClient, URI host, Duration requestTimeout) {
        this.newClient = Objects.requireNonNull(newClient, "newClient == null");
        this.batchUri = URI.create(host + "/batch/");
        this.requestTimeout = requestTimeout;
        this.userAgent = LibraryVersion.NAME + "/" + LibraryVersion.VERSION;
    }

    /**
     * The client used unless the user gives one: redirects are not followed, since a redirect would
     * carry the API key to wherever it points.
     */
    public static HttpClient defaultClient(URI host, Duration requestTimeout) {
        Duration connect =
                requestTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? requestTimeout : Duration.ofSeconds(10);
        return HttpClient.newBuilder()
                .connectTimeout(connect)
                // h2c upgrades on plain http confuse simple servers and proxies; TLS negotiates HTTP/2 properly.
                .version("https".equals(host.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    URI batchUri() {
        return batchUri;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = Objects.requireNonNull(newClient.get(), "the HTTP client supplier returned null");
                    http = client;
                }
            }
        }
        return client;
    }

    @Override
    public SendResult send(byte[] body, boolean gzipped) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(batchUri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent);
        if (gzipped) {
            request.header("Content-Encoding", "gzip");
        }
        try {
            // send(), not sendAsync(): sendAsync hands every completion to the common pool, which on
            // a 2-core machine means a new thread per request. An interrupt from close() cancels it.
            HttpResponse<BoundedBody> r = http().send(
                            request.POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            info -> new BoundedBody(requestTimeout));
            BoundedBody responseBody = r.body();
            return new SendResult(
                    r.statusCode(),
                    r.headers().firstValue("Retry-After"),
                    r.headers().firstValue("Location"),
                    () -> responseBody.text(BODY_WAIT),
                    null);
        } catch (IOException | RuntimeException e) {
            return SendResult.failed(e);
        }
    }
}
