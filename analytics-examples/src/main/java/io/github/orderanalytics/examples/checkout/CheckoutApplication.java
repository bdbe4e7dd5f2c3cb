package io.github.orderanalytics.examples.checkout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small checkout service: {@code POST /orders} stores the order and its lines in an embedded H2
 * database and publishes an {@code OrderPlacedEvent} in the same transaction; the order-analytics
 * starter reports it to PostHog once the transaction commits, never when it rolls back. Settings in
 * {@code application.properties}; without {@code POSTHOG_API_KEY} the client is disabled and says
 * so once.
 */
@SpringBootApplication
public class CheckoutApplication {

    public static void main(String[] args) {
        SpringApplication.run(CheckoutApplication.class, args);
    }
}
