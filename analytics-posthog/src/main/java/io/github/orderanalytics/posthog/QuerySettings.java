package io.github.orderanalytics.posthog;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What it takes to read what PostHog stored, for reconciliation: a personal API key with the scope
 * {@code query:read}, the project's id, and the app host that answers queries (not the capture host).
 *
 * <pre>{@code
 * PostHogConfig config = PostHogConfig.builder()
 *         .apiKey("phc_...").host("https://eu.i.posthog.com")
 *         .personalApiKey("phx_...")   // POSTHOG_PERSONAL_API_KEY
 *         .projectId("12345")          // POSTHOG_PROJECT_ID
 *         .build();                    // appHost: https://eu.posthog.com, from the host
 * config.query().isConfigured();       // true
 * }</pre>
 *
 * <p>The personal key is a secret of the person who made it: {@link #toString()} never shows it.
 *
 * @param personalApiKey a personal API key ({@code phx_...}); empty: no queries
 * @param projectId the project's id, a number (Project settings); empty: no queries
 * @param appHost where queries go: {@code https://us.posthog.com}, {@code https://eu.posthog.com}, or a
 *     self-hosted instance
 * @since 0.1.0
 */
public record QuerySettings(Optional<String> personalApiKey, Optional<String> projectId, URI appHost) {
    public QuerySettings {
        Objects.requireNonNull(personalApiKey, "personalApiKey == null");
        Objects.requireNonNull(projectId, "projectId == null");
        Objects.requireNonNull(appHost, "appHost == null");
    }

    /** Whether queries can be made: the personal key and the project id are both set. */
    public boolean isConfigured() {
        return personalApiKey.isPresent() && projectId.isPresent();
    }

    @Override
    public String toString() {
        return "QuerySettings{personalApiKey=" + (personalApiKey.isPresent() ? "***" : "none") + ", projectId="
                + projectId.orElse("none") + ", appHost=" + appHost + "}";
    }
}
