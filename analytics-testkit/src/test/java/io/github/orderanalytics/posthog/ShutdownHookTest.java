package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shared()} in a JVM of its own: its one shutdown hook drains, and the JVM exits by itself. */
class ShutdownHookTest {
    private FakePostHog posthog;

    @TempDir
    Path temp;

    @BeforeEach
    void start() {
        posthog = FakePostHog.start();
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void theHookDeliversEverythingWhenMainReturns() throws Exception {
        // Batching that would send nothing before exit: only the hook can deliver these.
        Result result = run(300, Map.of("POSTHOG_FLUSH_AT", "500", "POSTHOG_FLUSH_INTERVAL", "1h"));

        assertThat(result.exitCode).as("exit code; stderr: %s", result.stderr).isZero();
        assertThat(result.stdout).contains("placed 300");
        assertThat(posthog.events()).hasSize(300);
        assertThat(posthog.requests()).hasSize(1);
    }

    @Test
    void theHookKeepsItsDeadlineWhenPostHogIsUnreachable() throws Exception {
        posthog.refuseConnections();

        Result result = run(50, Map.of("POSTHOG_SHUTDOWN_TIMEOUT", "1s", "POSTHOG_INITIAL_BACKOFF", "50ms"));

        assertExitedByTheDeadlineReporting50Undelivered(result);
    }

    @Test
    void theHookKeepsItsDeadlineWhenPostHogNeverAnswers() throws Exception {
        posthog.respondByDefault(FakeResponse.ok().delayedBy(Duration.ofMinutes(5)));

        Result result = run(50, Map.of("POSTHOG_SHUTDOWN_TIMEOUT", "1s", "POSTHOG_REQUEST_TIMEOUT", "1m"));

        assertExitedByTheDeadlineReporting50Undelivered(result);
    }

    @Test
    void withoutAnApiKeyTheProcessRunsDisabledWithOneWarning() throws Exception {
        Result result = run(5, Map.of("POSTHOG_API_KEY", ""));

        assertThat(result.exitCode).as("exit code; stderr: %s", result.stderr).isZero();
        assertThat(result.stderr).containsOnlyOnce("order-analytics is disabled: no PostHog API key is configured");
        assertThat(posthog.requests()).isEmpty();
    }

    @Test
    void aBadVariableDisablesSharedWithOneErrorInsteadOfThrowing() throws Exception {
        Result result = run(5, Map.of("POSTHOG_FLUSH_AT", "ten"));

        assertThat(result.exitCode).as("exit code; stderr: %s", result.stderr).isZero();
        assertThat(result.stdout).contains("placed 5, client threads: false").contains("DISABLED=5");
        assertThat(result.stderr)
                .containsOnlyOnce("ERROR")
                .contains("order-analytics is disabled: POSTHOG_FLUSH_AT is not a whole number: 'ten'");
        assertThat(posthog.requests()).isEmpty();
    }

    @Test
    void aFirstCallDuringShutdownWorksAndStartsNothing() throws Exception {
        Result result = run(3, Map.of(), "from-hook");

        assertThat(result.exitCode).as("exit code; stderr: %s", result.stderr).isZero();
        assertThat(result.stdout).contains("placed 3, client threads: false").contains("CLOSED=3");
        assertThat(result.stderr).contains("shared() was first called while the JVM shuts down");
        assertThat(posthog.requests()).isEmpty();
    }

    /** Shutdown timeout 1 s: the JVM is gone well within 3 s of main returning, and said what it left. */
    private static void assertExitedByTheDeadlineReporting50Undelivered(Result result) {
        assertThat(result.exitCode).as("exit code; stderr: %s", result.stderr).isZero();
        assertThat(result.afterMain).as("time from main's return to exit").isLessThan(Duration.ofSeconds(3));
        assertThat(result.stderr)
                .contains("order-analytics closed with 50 order event(s) undelivered after shutdownTimeout=PT1S");
    }

    private record Result(int exitCode, String stdout, String stderr, Duration afterMain) {}

    private Result run(int orders, Map<String, String> env, String... mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File out = temp.resolve("out.txt").toFile();
        File err = temp.resolve("err.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ShutdownHookMain.class.getName(),
                        String.valueOf(orders),
                        mode.length > 0 ? mode[0] : "main"))
                .redirectOutput(out)
                .redirectError(err);
        pb.environment().keySet().removeIf(k -> k.startsWith("POSTHOG_"));
        pb.environment().put("POSTHOG_API_KEY", FakePostHog.API_KEY);
        pb.environment().put("POSTHOG_HOST", posthog.host());
        pb.environment().putAll(env);
        Process process = pb.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        Instant exitSeen = Instant.now();
        if (!exited) {
            process.destroyForcibly();
            throw new AssertionError(
                    "the JVM did not exit by itself within 60 s; stderr: " + Files.readString(err.toPath()));
        }
        String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        // main() printed its line just before returning; the file's time tells when.
        Instant mainReturned = Instant.ofEpochMilli(out.lastModified());
        return new Result(
                process.exitValue(),
                stdout,
                Files.readString(err.toPath(), StandardCharsets.UTF_8),
                Duration.between(mainReturned, exitSeen));
    }
}
