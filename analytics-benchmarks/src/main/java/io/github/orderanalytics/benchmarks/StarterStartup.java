package io.github.orderanalytics.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the starter adds to an application's start-up: a minimal Boot application started in a fresh
 * JVM, alternately with the starter's auto-configurations and with them excluded (same class path),
 * {@value #RUNS} times each. A fresh JVM per start, because class loading is most of the cost and a
 * warm JVM would hide it. Writes the Markdown report given as the first argument.
 */
public final class StarterStartup {
    static final int RUNS = 15;

    private static final String EXCLUDE = "--spring.autoconfigure.exclude="
            + String.join(
                    ",",
                    "io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsAutoConfiguration",
                    "io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsTransactionAutoConfiguration",
                    "io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsMetricsAutoConfiguration",
                    "io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsHealthAutoConfiguration");

    private StarterStartup() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--probe")) {
            probe(args.length > 1 && args[1].equals("without"));
            return;
        }
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks-spring-boot.md");
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        start(true); // one of each first, unmeasured: the file cache, not the starter
        start(false);
        for (int i = 0; i < RUNS; i++) {
            with.add(start(true));
            without.add(start(false));
        }
        double medianWith = median(with);
        double medianWithout = median(without);
        String md = String.format(
                Locale.ROOT,
                """
                # Spring Boot starter: start-up cost

                Measured on %s, %d cores, Java %s. A minimal Spring Boot %s application (no web server,
                auto-configuration on) started in a fresh JVM %d times with the order-analytics starter and %d
                times with its auto-configurations excluded, alternating, same class path. Time from
                `SpringApplication.run` to a refreshed context, in milliseconds; the starter's client is
                created with an API key, so its threads start too. Rerun with

                ```sh
                ./mvnw -q -Pstartup-benchmark -pl analytics-benchmarks -am package -DskipTests
                ```

                | | median | min | max |
                |---|---:|---:|---:|
                | with the starter | %.1f | %.1f | %.1f |
                | without | %.1f | %.1f | %.1f |
                | difference of medians | %+.1f ms (%+.1f %%) | | |
                """,
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                SpringBootVersion.getVersion(),
                RUNS,
                RUNS,
                medianWith,
                Collections.min(with),
                Collections.max(with),
                medianWithout,
                Collections.min(without),
                Collections.max(without),
                medianWith - medianWithout,
                100 * (medianWith - medianWithout) / medianWithout);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, md);
        System.out.println(md);
    }

    /** Starts a probe JVM and returns the milliseconds it reports. */
    private static double start(boolean withStarter) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StarterStartup.class.getName(),
                        "--probe",
                        withStarter ? "with" : "without")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("probe failed:\n" + out);
        }
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        return Double.parseDouble(last);
    }

    private static void probe(boolean without) {
        List<String> args = new ArrayList<>(List.of(
                "--order-analytics.posthog.api-key=phc_startup_benchmark",
                "--order-analytics.posthog.host=http://127.0.0.1:9",
                "--spring.main.banner-mode=off"));
        if (without) {
            args.add(EXCLUDE);
        }
        SpringApplication application = new SpringApplication(ProbeApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        long start = System.nanoTime();
        try (ConfigurableApplicationContext context = application.run(args.toArray(String[]::new))) {
            long elapsed = System.nanoTime() - start;
            boolean hasClient = context.containsBean("orderAnalyticsClient");
            if (hasClient == without) {
                throw new IllegalStateException("the starter was " + (hasClient ? "on" : "off") + " in a run meant "
                        + (without ? "without" : "with") + " it");
            }
            System.out.println(elapsed / 1e6);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ProbeApplication {}
}
