package com.example.shop;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The same shop with order-analytics.outbox.enabled=true: each order's event is a row of its transaction. */
public class OutboxProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("order-analytics.outbox.enabled", "true", "order-analytics.outbox.poll-interval", "50ms");
    }
}
