package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Money;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.math.BigDecimal;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one PostHog event, recorded or received. Money is compared as exact decimals
 * together with the currency: {@code hasTotal("49.90", "EUR")} fails for {@code 49.9}.
 *
 * @since 0.1.0
 */
public final class PostHogEventAssert extends AbstractAssert<PostHogEventAssert, PostHogEvent> {

    PostHogEventAssert(PostHogEvent actual) {
        super(actual, PostHogEventAssert.class);
    }

    public PostHogEventAssert hasDistinctId(String distinctId) {
        isNotNull();
        if (!actual.distinctId().equals(distinctId)) {
            failWithMessage("Expected distinct_id <%s> but was <%s> in %s", distinctId, actual.distinctId(), actual.toJson());
        }
        return this;
    }

    /** {@code "customer"}, {@code "guest"} or {@code "anonymous"}. */
    public PostHogEventAssert hasIdentityType(String identityType) {
        return hasProperty("identity_type", identityType);
    }

    public PostHogEventAssert hasTotal(String amount, String currency) {
        return hasAmount("total", Money.of(amount, currency));
    }

    public PostHogEventAssert hasRevenue(String amount, String currency) {
        return hasAmount("revenue", Money.of(amount, currency));
    }

    /** Checks the amount property {@code key} (total, revenue, tax, ...) and the event's currency. */
    public PostHogEventAssert hasAmount(String key, Money expected) {
        isNotNull();
        Object value = actual.properties().get(key);
        Object currency = actual.properties().get("currency");
        if (!(value instanceof BigDecimal amount) || !amount.equals(expected.amount())
                || !expected.currencyCode().equals(currency)) {
            failWithMessage("Expected %s <%s> but was <%s %s> in %s", key, expected, value, currency, actual.toJson());
        }
        return this;
    }

    public PostHogEventAssert hasProperty(String key, Object value) {
        isNotNull();
        if (!actual.properties().containsKey(key) || !Objects.equals(actual.properties().get(key), value)) {
            failWithMessage("Expected property %s <%s> but was <%s> in %s", key, value,
                    actual.properties().getOrDefault(key, "(absent)"), actual.toJson());
        }
        return this;
    }

    public PostHogEventAssert doesNotHaveProperty(String key) {
        isNotNull();
        if (actual.properties().containsKey(key)) {
            failWithMessage("Expected no property %s but it was <%s> in %s", key, actual.properties().get(key), actual.toJson());
        }
        return this;
    }

    /** Checks {@code $process_person_profile: false}, as guest and anonymous orders carry. */
    public PostHogEventAssert isPersonless() {
        return hasProperty("$process_person_profile", false);
    }

    /** Checks that the uuid is the one derived from the event's order id, so redeliveries collapse. */
    public PostHogEventAssert hasUuidOfItsOrder() {
        isNotNull();
        Object orderId = actual.properties().get("order_id");
        if (!(orderId instanceof String id) || !actual.uuid().equals(PostHogEventMapper.orderPlacedUuid(id))) {
            failWithMessage("Expected the uuid derived from order_id <%s> but was <%s>", orderId, actual.uuid());
        }
        return this;
    }
}
