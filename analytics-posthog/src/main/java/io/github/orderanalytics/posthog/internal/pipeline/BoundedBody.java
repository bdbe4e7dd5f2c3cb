package io.github.orderanalytics.posthog.internal.pipeline;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A response body that never holds the sender: {@code HttpClient.send} returns once the headers are
 * in, while the body is read in the background, keeping at most {@link #MAX_BYTES} of it. A body
 * larger than that, or not finished within the request timeout, is cancelled, which closes its
 * connection: a server that stalls or streams forever costs neither a thread nor memory. (JDK 17's
 * request timeout stops at the headers.)
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody> {
    static final int MAX_BYTES = 4 * 1024;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile Flow.@Nullable Subscription subscription;

    BoundedBody(Duration timeout) {
        finished.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((v, e) -> {
            if (e != null) {
                cancel();
            }
        });
    }

    @Override
    public CompletionStage<BoundedBody> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (finished.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        boolean full = false;
        synchronized (kept) {
            for (ByteBuffer b : buffers) {
                int take = Math.min(b.remaining(), MAX_BYTES - kept.size());
                byte[] part = new byte[take];
                b.get(part);
                kept.write(part, 0, take);
                if (b.hasRemaining()) {
                    full = true;
                    break;
                }
            }
        }
        if (full) {
            finished.complete(null);
            cancel();
        } else {
            Objects.requireNonNull(subscription, "onNext before onSubscribe").request(1);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        finished.complete(null);
    }

    @Override
    public void onComplete() {
        finished.complete(null);
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** What arrived of the body, waiting at most {@code wait} for the rest. */
    String text(Duration wait) {
        try {
            finished.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // show what came
        }
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
