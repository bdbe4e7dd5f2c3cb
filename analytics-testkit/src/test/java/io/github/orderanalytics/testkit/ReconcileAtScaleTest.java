package io.github.orderanalytics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A year of a large shop, a million order events, reconciled by a JVM with a 128 MiB heap: memory
 * follows a day's slice, not the year. FakePostHog holds the stored side in this JVM.
 */
@Tag("reconcile-proof")
class ReconcileAtScaleTest {
    private static final int EVENTS = 1_000_000;

    @Test
    void aYearOfAMillionOrderEventsIsCheckedCompletelyInASmallHeap() throws Exception {
        try (FakePostHog posthog = FakePostHog.start()) {
            List<PostHogEvent> stored = new ArrayList<>(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                stored.add(ScaleEvents.stored(i));
            }
            posthog.preload(stored);
            stored = null;
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx128m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            ReconcileAtScaleMain.class.getName(),
                            posthog.host(),
                            String.valueOf(EVENTS))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(10, TimeUnit.MINUTES)).as(out).isTrue();
            System.out.println("reconciling JVM: "
                    + out.lines()
                            .filter(l -> l.startsWith("expected="))
                            .findFirst()
                            .orElse(out));

            assertThat(child.exitValue()).as(out).isZero();
            assertThat(out)
                    .contains("expected=" + EVENTS + " found=" + EVENTS + " missing=0 unexpected=0 mismatched=0");
        }
    }
}
