package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hashing guest emails without a key is re-identifiable: production says so once, at start-up. */
class GuestKeyWarningTest {
    private static final String WARNING = "order-analytics hashes guest emails without a key";

    /** What start-up logged (slf4j-simple writes to System.err as it is at each call). */
    private static String startUpLog(PostHogConfigBuilder config) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            PostHogOrderAnalytics.create(
                            config.apiKey("phc_test").host("http://127.0.0.1:1").build())
                    .close();
            return err.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void productionWithoutAKeyWarnsOnce() {
        assertThat(startUpLog(PostHogConfig.builder()))
                .containsOnlyOnce(WARNING)
                .contains("POSTHOG_GUEST_ID_KEY");
    }

    @Test
    void aKeyOrTheDevelopmentProfileOrEmailIdsDoNotWarn() {
        assertThat(startUpLog(PostHogConfig.builder().guestIdKey("k".repeat(32))))
                .doesNotContain(WARNING);
        assertThat(startUpLog(PostHogConfig.builder().profile(PostHogConfig.Profile.DEVELOPMENT)))
                .doesNotContain(WARNING);
        assertThat(startUpLog(PostHogConfig.builder().guestIdentity(GuestIdentity.EMAIL)))
                .doesNotContain(WARNING);
    }

    @Test
    void aKeyShorterThan32BytesIsRefusedWhenTheConfigIsBuilt() {
        PostHogConfigBuilder withShortKey = PostHogConfig.builder().guestIdKey("k".repeat(31));

        assertThatIllegalArgumentException()
                .isThrownBy(withShortKey::build)
                .withMessage("guestIdKey (POSTHOG_GUEST_ID_KEY) must be at least 32 bytes (for example 64 random hex"
                        + " digits), was 31");
    }
}
