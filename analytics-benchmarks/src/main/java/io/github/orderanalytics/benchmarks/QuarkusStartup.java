package io.github.orderanalytics.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the Quarkus extension adds to an application's start: two packaged Quarkus applications, the same
 * REST probe without and with analytics-quarkus (and a bean that injects {@code OrderAnalytics}, so the
 * client and its threads exist), each started in a fresh JVM {@value #RUNS} times, alternating. Measured:
 * milliseconds from launching the JVM to the first answered request, and heap in use after a full
 * collection once started. Arguments: the two applications' folders, then the report to write.
 */
public final class QuarkusStartup {
    static final int RUNS = 15;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private QuarkusStartup() {}

    record Start(double millis, double heapMiB) {}

    public static void main(String[] args) throws Exception {
        Path without = Path.of(args[0], "target/quarkus-app/quarkus-run.jar");
        Path with = Path.of(args[1], "target/quarkus-app/quarkus-run.jar");
        Path report = Path.of(args[2]);
        QuarkusStartup benchmark = new QuarkusStartup();
        benchmark.start(without); // one of each first, unmeasured: the file cache, not the extension
        benchmark.start(with);
        List<Start> withRuns = new ArrayList<>();
        List<Start> withoutRuns = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            withRuns.add(benchmark.start(with));
            withoutRuns.add(benchmark.start(without));
        }
        String md = report(withRuns, withoutRuns);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, md);
        System.out.println(md);
    }

    /** Launches the application, waits for its first answer, reads its heap, stops it. */
    private Start start(Path jar) throws IOException, InterruptedException {
        int port = freePort();
        long launched = System.nanoTime();
        Process app = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dquarkus.http.port=" + port,
                        "-jar",
                        jar.toString())
                .redirectErrorStream(true)
                .start();
        StringBuilder log = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> log.append(line).append('\n'));
            } catch (IOException | UncheckedIOException e) { // the JVM's pipe closes as it exits
                log.append(e);
            }
        });
        drain.start();
        try {
            URI ping = URI.create("http://127.0.0.1:" + port + "/ping");
            long deadline = launched + DEADLINE.toNanos();
            while (!answers(ping)) {
                if (System.nanoTime() - deadline > 0 || !app.isAlive()) {
                    throw new IllegalStateException(jar + " did not answer within " + DEADLINE + ":\n" + log);
                }
                TimeUnit.MILLISECONDS.sleep(2); // a poll, not a spin: the machine has two cores to start it on
            }
            double millis = (System.nanoTime() - launched) / 1e6;
            String heap = get(URI.create("http://127.0.0.1:" + port + "/heap"));
            return new Start(millis, Long.parseLong(heap.strip()) / (1024.0 * 1024.0));
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
            drain.join();
        }
    }

    private boolean answers(URI uri) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String report(List<Start> with, List<Start> without) {
        List<Double> msWith = with.stream().map(Start::millis).toList();
        List<Double> msWithout = without.stream().map(Start::millis).toList();
        List<Double> heapWith = with.stream().map(Start::heapMiB).toList();
        List<Double> heapWithout = without.stream().map(Start::heapMiB).toList();
        double ms = StarterStartup.median(msWith) - StarterStartup.median(msWithout);
        double heap = StarterStartup.median(heapWith) - StarterStartup.median(heapWithout);
        return String.format(
                Locale.ROOT,
                """
                # Quarkus extension: start-up cost

                Measured on %s, %d cores, Java %s. Two packaged Quarkus applications (JVM mode, `quarkus-rest`
                and a probe endpoint), one also with `analytics-quarkus` and a `@Startup` bean that injects
                `OrderAnalytics` (with an API key, so the client and its threads start), each started in a fresh
                JVM %d times, alternating. Start: milliseconds from launching the JVM to the first answered
                request. Heap: MiB in use after a full collection, once started. Rerun with

                ```sh
                ./mvnw -q -Pquarkus-startup-benchmark -pl analytics-benchmarks -am install -DskipTests
                ```

                | | start median | min | max | heap median | min | max |
                |---|---:|---:|---:|---:|---:|---:|
                | with the extension | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f |
                | without | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f |
                | difference of medians | %+.1f ms (%+.1f %%) | | | %+.2f MiB | | |
                """,
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                RUNS,
                StarterStartup.median(msWith),
                Collections.min(msWith),
                Collections.max(msWith),
                StarterStartup.median(heapWith),
                Collections.min(heapWith),
                Collections.max(heapWith),
                StarterStartup.median(msWithout),
                Collections.min(msWithout),
                Collections.max(msWithout),
                StarterStartup.median(heapWithout),
                Collections.min(heapWithout),
                Collections.max(heapWithout),
                ms,
                100 * ms / StarterStartup.median(msWithout),
                heap);
    }
}
