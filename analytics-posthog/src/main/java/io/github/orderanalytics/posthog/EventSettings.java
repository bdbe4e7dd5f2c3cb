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
 * @param linkBrowserToCustomer whether a customer's order whose browser was an anonymous visitor goes
 *     with one {@code $identify} event, so PostHog joins that browsing to the customer (since 0.2.0)
 * @since 0.1.0
 */
public record EventSettings(
        GuestIdentity guestIdentity, Optional<String> guestIdKey, boolean geoipDisable, boolean linkBrowserToCustomer) {

    /** Default {@code geoipDisable}: {@value} (a server's IP says nothing about the buyer). */
    public static final boolean DEFAULT_GEOIP_DISABLE = true;

    /** Default {@code linkBrowserToCustomer}: {@value}. */
    public static final boolean DEFAULT_LINK_BROWSER_TO_CUSTOMER = false;

    public EventSettings {
        Objects.requireNonNull(guestIdentity, "guestIdentity == null");
        Objects.requireNonNull(guestIdKey, "guestIdKey == null");
    }

    /** Settings that do not link browsers to customers, as 0.1 had them. */
    public EventSettings(GuestIdentity guestIdentity, Optional<String> guestIdKey, boolean geoipDisable) {
        this(guestIdentity, guestIdKey, geoipDisable, false);
    }

    /** Never shows the guest-id key. */
    @Override
    public String toString() {
        return "EventSettings[guestIdentity=" + guestIdentity + ", guestIdKey="
                + (guestIdKey.isPresent() ? "***" : "none") + ", geoipDisable=" + geoipDisable
                + ", linkBrowserToCustomer=" + linkBrowserToCustomer + "]";
    }
}
