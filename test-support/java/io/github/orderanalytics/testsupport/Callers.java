package io.github.orderanalytics.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many threads calling at once, as a busy shop's request threads do. */
public final class Callers {
    private Callers() {}

    /** One call: which thread makes it, and its number on that thread. */
    @FunctionalInterface
    public interface Call {
        void run(int thread, int i) throws Exception;
    }

    /**
     * Starts {@code threads} threads together, each making {@code perThread} calls, and returns when all
     * are done; what any call threw is thrown here, wrapped in an {@code ExecutionException}.
     */
    public static void run(int threads, int perThread, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        call.run(thread, i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
