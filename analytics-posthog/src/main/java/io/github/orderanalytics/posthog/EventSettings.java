package io.github.orderanalytics.posthog;

import java.util.Objects;
import java.util.Optional;

/**
 * What goes into each event besides the order: how guests are identified and whether PostHog
 * may look up the sender's IP. Part of {@link PostHogConfig}; set through its builder.
 *
 * @param guestIdentity how a guest's email becomes the {@code distinct_id}
 * @param guestIdKey the secret for HMAC-SHA256 guest ids; empty: plain SHA-256
 * @param geoipDisable whether events carry {@code $geoip_disable: true}
 * @since 0.1.0
 */
public record EventSettings(GuestIdentity guestIdentity, Optional<String> guestIdKey, boolean geoipDisable) {

    public EventSettings {
        Objects.requireNonNull(guestIdentity, "guestIdentity == null");
        Objects.requireNonNull(guestIdKey, "guestIdKey == null");
    }

    /** Never shows the guest-id key. */
    @Override
    public String toString() {
        return "EventSettings[guestIdentity=" + guestIdentity + ", guestIdKey="
                + (guestIdKey.isPresent() ? "***" : "none") + ", geoipDisable=" + geoipDisable + "]";
    }
}
