package io.github.orderanalytics.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test for a reason of the machine (no MariaDB, no Chromium, no network), saying why on the
 * console once per reason: surefire otherwise keeps the reason in its XML report only, and a green build
 * that quietly skipped the browser tests looks like one that ran them.
 */
public final class Skip {
    private static final Set<String> said = ConcurrentHashMap.newKeySet();

    private Skip() {}

    /** Skips the calling test unless {@code condition} holds. */
    public static void unless(boolean condition, String reason) {
        if (!condition) {
            because(reason);
        }
    }

    /** Skips the calling test. */
    public static void because(String reason) {
        if (said.add(reason)) {
            System.out.println("[SKIPPED] " + reason);
        }
        Assumptions.abort(reason);
    }
}
