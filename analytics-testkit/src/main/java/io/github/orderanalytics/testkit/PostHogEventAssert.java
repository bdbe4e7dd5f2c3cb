package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Money;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;
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
            failWithMessage(
                    "Expected distinct_id <%s> but was <%s> in %s", distinctId, actual.distinctId(), actual.toJson());
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

    /**
     * Checks {@code revenue} exactly, with the event's currency. A refund's revenue is negative: write
     * it with a minus, {@code hasRevenue("-20.00", "EUR")}.
     */
    public PostHogEventAssert hasRevenue(String amount, String currency) {
        boolean negative = amount.startsWith("-");
        Money magnitude = Money.of(negative ? amount.substring(1) : amount, currency);
        return hasAmount("revenue", negative ? magnitude.amount().negate() : magnitude.amount(), magnitude);
    }

    /** Checks the amount property {@code key} (total, revenue, tax, ...) and the event's currency. */
    public PostHogEventAssert hasAmount(String key, Money expected) {
        return hasAmount(key, expected.amount(), expected);
    }

    private PostHogEventAssert hasAmount(String key, BigDecimal expected, Money currencyOf) {
        isNotNull();
        Object value = actual.properties().get(key);
        Object currency = actual.properties().get("currency");
        if (!(value instanceof BigDecimal amount)
                || !amount.equals(expected)
                || !currencyOf.currencyCode().equals(currency)) {
            failWithMessage(
                    "Expected %s <%s %s> but was <%s %s> in %s",
                    key, expected.toPlainString(), currencyOf.currencyCode(), value, currency, actual.toJson());
        }
        return this;
    }

    public PostHogEventAssert hasProperty(String key, Object value) {
        isNotNull();
        if (!actual.properties().containsKey(key)
                || !Objects.equals(actual.properties().get(key), value)) {
            failWithMessage(
                    "Expected property %s <%s> but was <%s> in %s",
                    key, value, actual.properties().getOrDefault(key, "(absent)"), actual.toJson());
        }
        return this;
    }

    public PostHogEventAssert doesNotHaveProperty(String key) {
        isNotNull();
        if (actual.properties().containsKey(key)) {
            failWithMessage(
                    "Expected no property %s but it was <%s> in %s",
                    key, actual.properties().get(key), actual.toJson());
        }
        return this;
    }

    /** Checks the number of line items in {@code products}. */
    public PostHogEventAssert hasProductCount(int count) {
        isNotNull();
        int actualCount = actual.properties().get("products") instanceof java.util.List<?> list ? list.size() : 0;
        if (actualCount != count) {
            failWithMessage("Expected %d product(s) but found %d in %s", count, actualCount, actual.toJson());
        }
        return this;
    }

    /** Checks that {@code products} has a line of {@code quantity} × {@code productId} at unit price {@code price}. */
    public PostHogEventAssert hasProduct(String productId, int quantity, String price) {
        isNotNull();
        BigDecimal expectedPrice = new BigDecimal(price);
        Object products = actual.properties().get("products");
        if (products instanceof java.util.List<?> list) {
            for (Object p : list) {
                if (p instanceof java.util.Map<?, ?> line
                        && productId.equals(line.get("product_id"))
                        && Integer.valueOf(quantity).equals(line.get("quantity"))
                        && line.get("price") instanceof BigDecimal actualPrice
                        && actualPrice.equals(expectedPrice)) {
                    return this;
                }
            }
        }
        failWithMessage("Expected product %s x%d at %s but products were %s", productId, quantity, price, products);
        return this;
    }

    /** Checks {@code $process_person_profile: false}, as guest and anonymous orders carry. */
    public PostHogEventAssert isPersonless() {
        return hasProperty("$process_person_profile", false);
    }

    /**
     * Checks that the uuid is the one derived from the event's name and order id (and refund id, for a
     * refund), so redeliveries collapse.
     */
    public PostHogEventAssert hasUuidOfItsOrder() {
        isNotNull();
        Object orderId = actual.properties().get("order_id");
        Object refundId = actual.properties().get("refund_id");
        UUID expected = null;
        if (orderId instanceof String id) {
            if (PostHogEventMapper.ORDER_PLACED.equals(actual.event())) {
                expected = PostHogEventMapper.orderPlacedUuid(id);
            } else if (PostHogEventMapper.ORDER_CANCELLED.equals(actual.event())) {
                expected = PostHogEventMapper.orderCancelledUuid(id);
            } else if (PostHogEventMapper.ORDER_REFUNDED.equals(actual.event()) && refundId instanceof String r) {
                expected = PostHogEventMapper.orderRefundedUuid(id, r);
            }
        }
        if (!actual.uuid().equals(expected)) {
            failWithMessage(
                    "Expected the uuid derived from %s of order_id <%s>%s, <%s>, but was <%s>",
                    actual.event(),
                    orderId,
                    refundId == null ? "" : " and refund_id <" + refundId + ">",
                    expected,
                    actual.uuid());
        }
        return this;
    }
}
