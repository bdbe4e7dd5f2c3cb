package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration guide's table states the defaults the code has: each is written once in the code (a
 * {@code DEFAULT_*} constant, or the {@link PostHogConfig.Profile}), and this test reads the table back
 * against a configuration built with none set, in each profile.
 */
class DocumentedDefaultsTest {
    private static final Path GUIDE = Path.of("../docs/delivery-and-configuration.md");
    private static final Pattern ROW =
            Pattern.compile("(?m)^\\| `(\\w+)`[^|]*\\| `POSTHOG_\\w+` \\| ([^|]+) \\| ([^|]+) \\|$");

    private static final Map<String, Function<PostHogConfig, Object>> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("host", c -> c.host().toString());
        SETTINGS.put("profile", PostHogConfig::profile);
        SETTINGS.put("flushAt", c -> c.batching().flushAt());
        SETTINGS.put("flushInterval", c -> c.batching().flushInterval());
        SETTINGS.put("maxBatchSize", c -> c.batching().maxBatchSize());
        SETTINGS.put("maxQueueSize", c -> c.batching().maxQueueSize());
        SETTINGS.put("maxQueueBytes", c -> new Bytes(c.batching().maxQueueBytes()));
        SETTINGS.put("maxRequestsInFlight", c -> c.batching().maxRequestsInFlight());
        SETTINGS.put("requestTimeout", c -> c.batching().requestTimeout());
        SETTINGS.put("shutdownTimeout", PostHogConfig::shutdownTimeout);
        SETTINGS.put("maxRetries", c -> c.retries().maxRetries());
        SETTINGS.put("initialBackoff", c -> c.retries().initialBackoff());
        SETTINGS.put("maxBackoff", c -> c.retries().maxBackoff());
        SETTINGS.put("gzip", c -> c.batching().gzip());
        SETTINGS.put("historicalMigration", c -> c.batching().historicalMigration());
        SETTINGS.put("guestIdentity", c -> c.event().guestIdentity());
        SETTINGS.put("geoipDisable", c -> c.event().geoipDisable());
        SETTINGS.put("linkBrowserToCustomer", c -> c.event().linkBrowserToCustomer());
        SETTINGS.put("allowInsecureHttp", PostHogConfig::allowInsecureHttp);
    }

    private record Bytes(long value) {}

    @Test
    void theTableStatesEveryDefaultOfBothProfiles() throws IOException {
        PostHogConfig production = PostHogConfig.builder().build();
        PostHogConfig development = PostHogConfig.builder()
                .profile(PostHogConfig.Profile.DEVELOPMENT)
                .build();
        Map<String, String[]> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(Files.readString(GUIDE));
        while (m.find()) {
            rows.put(m.group(1), new String[] {m.group(2).strip(), m.group(3).strip()});
        }

        assertThat(rows).as("the table's rows").containsKeys(SETTINGS.keySet().toArray(String[]::new));
        SETTINGS.forEach((setting, value) -> {
            String inProduction = text(value.apply(production));
            String inDevelopment = text(value.apply(development));
            assertThat(rows.get(setting)[0]).as("%s in production", setting).isEqualTo(inProduction);
            assertThat(rows.get(setting)[1])
                    .as("%s in development", setting)
                    .isIn(inDevelopment, inDevelopment.equals(inProduction) ? "same" : inDevelopment);
        });
    }

    /** The harness can fail: the table's way of writing each kind of value. */
    @Test
    void valuesAreWrittenAsTheTableWritesThem() {
        assertThat(text(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(text(Duration.ofMillis(100))).isEqualTo("100 ms");
        assertThat(text(50_000)).isEqualTo("50,000");
        assertThat(text(new Bytes(64L << 20))).isEqualTo("64 MiB");
        assertThat(text(true)).isEqualTo("`true`");
        assertThat(text(GuestIdentity.HASHED)).isEqualTo("`hashed`");
        assertThat(text("https://us.i.posthog.com")).isEqualTo("`https://us.i.posthog.com`");
    }

    private static String text(Object value) {
        if (value instanceof Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
        }
        if (value instanceof Bytes b) {
            return b.value() % (1 << 20) == 0 ? (b.value() >> 20) + " MiB" : b.value() + " bytes";
        }
        if (value instanceof Integer i) {
            return String.format(Locale.ROOT, "%,d", i);
        }
        if (value instanceof Enum<?> e) {
            return "`" + e.name().toLowerCase(Locale.ROOT) + "`";
        }
        return "`" + value + "`";
    }
}
