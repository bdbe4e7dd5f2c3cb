package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What PostHog's capture drops or alters, as {@link FakePostHog} applies it: so a user's integration
 * test fails where production would have lost or moved data. Sources: PostHog's capture service
 * ({@code rust/capture}: distinct id and event name limits, illegal distinct ids, the future
 * cutoff) and its documented size limits.
 */
final class CaptureRules {
    private CaptureRules() {}

    /** PostHog drops events over 1 MB. */
    static final int MAX_EVENT_BYTES = 1_000_000;
    /** PostHog refuses requests of 20 MB or more. */
    static final int MAX_REQUEST_BYTES = 20 * 1_000_000;

    static final int MAX_DISTINCT_ID_LENGTH = 200;
    static final int MAX_EVENT_NAME_LENGTH = 200;
    static final Duration FUTURE_CUTOFF = Duration.ofHours(23);

    static final Set<String> ILLEGAL_DISTINCT_IDS = Set.of(
            "0",
            "00000000-0000-0000-0000-000000000000",
            "[object object]",
            "anonymous",
            "anonymous-user",
            "backend",
            "distinct_id",
            "distinctid",
            "email",
            "false",
            "guest",
            "id",
            "nan",
            "none",
            "not_authenticated",
            "null",
            "system",
            "true",
            "undefined",
            "user");

    /**
     * The rules each event breaks, given its size as sent and the batch's {@code sent_at} (PostHog
     * corrects timestamps for the sender's clock skew with it).
     */
    static List<RuleViolation> check(
            List<PostHogEvent> events, List<Integer> sizes, Optional<Instant> sentAt, Instant receivedAt) {
        List<RuleViolation> violations = new ArrayList<>();
        Duration skew = sentAt.map(s -> Duration.between(s, receivedAt)).orElse(Duration.ZERO);
        for (int i = 0; i < events.size(); i++) {
            PostHogEvent event = events.get(i);
            rule(event, sizes.get(i), skew, receivedAt)
                    .ifPresent(rule -> violations.add(new RuleViolation(event, rule)));
        }
        return violations;
    }

    private static Optional<String> rule(PostHogEvent event, int size, Duration skew, Instant receivedAt) {
        if (size > MAX_EVENT_BYTES) {
            return Optional.of("the event is " + size + " bytes, over PostHog's 1 MB: dropped");
        }
        if (event.event().length() > MAX_EVENT_NAME_LENGTH) {
            return Optional.of("the event name is over " + MAX_EVENT_NAME_LENGTH + " characters: dropped");
        }
        String id = event.distinctId();
        if (id.isBlank()) {
            return Optional.of("distinct_id is blank: dropped");
        }
        if (id.length() > MAX_DISTINCT_ID_LENGTH) {
            return Optional.of(
                    "distinct_id is " + id.length() + " characters, over " + MAX_DISTINCT_ID_LENGTH + ": dropped");
        }
        if (ILLEGAL_DISTINCT_IDS.contains(id.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of(
                    "distinct_id '" + id + "' is one PostHog refuses (a placeholder, not a person): dropped");
        }
        Instant corrected = event.timestamp().plus(skew);
        if (corrected.isAfter(receivedAt.plus(FUTURE_CUTOFF))) {
            return Optional.of("timestamp " + event.timestamp() + " is more than 23 hours ahead:"
                    + " PostHog moves it to the time it arrived, so its revenue lands on the wrong day");
        }
        return Optional.empty();
    }
}
