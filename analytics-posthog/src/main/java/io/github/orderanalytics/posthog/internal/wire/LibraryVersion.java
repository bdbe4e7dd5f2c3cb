package io.github.orderanalytics.posthog.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The Maven version of this library, written into a resource at build time.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class LibraryVersion {
    private LibraryVersion() {}

    public static final String NAME = "order-analytics-java";
    public static final String VERSION = read();

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
