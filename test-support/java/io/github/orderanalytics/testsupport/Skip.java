package io.github.orderanalytics.testsupport;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test for a reason of the machine (no MariaDB, no Chromium, no network, Java 17), saying why on
 * the console once per reason: surefire otherwise keeps the reason in its XML report only, and a green
 * build that quietly skipped the browser tests looks like one that ran them. The reason goes to the forked
 * JVM's own stdout, which surefire shows (its channel is TCP, see the root POM) while it files the tests'
 * output away.
 */
public final class Skip {
    private static final Set<String> said = ConcurrentHashMap.newKeySet();
    private static final PrintStream console =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

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
            console.println("[SKIPPED] " + reason);
        }
        Assumptions.abort(reason);
    }
}
